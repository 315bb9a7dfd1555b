"""The settings core: reading with file and line, precedence, writing atomically, refusing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitbuiting_cli.cli.language import (
    CONFIG_DIR_VAR,
    config_dir,
    settings_path,
)
from uitbuiting_cli.cli.settings import (
    KEYS,
    MARK,
    Known,
    Settings,
    Source,
    effective,
    load_settings,
    read_environment,
    read_settings,
    resolve,
)
from uitbuiting_cli.cli.settings_write import (
    check_settings,
    dump_settings,
    find_kind,
    save_settings,
    update_settings,
    with_contact,
    with_value,
    without_contact,
    without_value,
)
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.model import LocalContact
from uitbuiting_cli.errors import DataError, OutputError, UserError
from uitbuiting_cli.views.render import Format

BOOK = load_edition(None).routes
KINDS = tuple(k.id for k in BOOK.local_contacts)
ROLES = BOOK.roles
KNOWN = Known({k.id: k.name for k in BOOK.local_contacts}, ROLES, "de meegeleverde data")
FILE = "/home/x/.config/uitbuiting/config.yaml"

FULL = """\
version: 1
role: Gemeente
format: markdown
data_dir: regio-west
lang: en
contacts:
  zorgcoordinator:
    name: Zorgcoördinator Regio X
    phone: 010-1234567
    email: zorg@regio-x.nl
    note: ma t/m vr
  avim:
    name: AVIM Regio X
"""


def read(text: str, kinds: tuple[str, ...] | None = KINDS) -> Settings:
    return read_settings(text, FILE, kinds, ROLES)


def problems(text: str, kinds: tuple[str, ...] | None = KINDS) -> list[str]:
    with pytest.raises(DataError) as info:
        read(text, kinds)
    return [str(p) for p in info.value.problems]


@pytest.fixture(autouse=True)
def _no_settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UITBUITING_FORMAT", raising=False)


# -- reading ----------------------------------------------------------------------------------
def test_read_every_key() -> None:
    s = read(FULL)
    assert s.role == "gemeente"  # case does not matter
    assert s.format is Format.markdown
    assert s.data_dir == Path(FILE).parent / "regio-west"  # relative to the file's folder
    assert s.lang == "en"
    assert list(s.contacts) == ["zorgcoordinator", "avim"]
    assert s.contacts["zorgcoordinator"] == LocalContact(
        "zorgcoordinator", "Zorgcoördinator Regio X", "010-1234567", "zorg@regio-x.nl", "ma t/m vr"
    )
    assert s.contacts["avim"] == LocalContact("avim", "AVIM Regio X")


def test_an_absolute_data_dir_stays(tmp_path: Path) -> None:
    assert read(f"data_dir: {tmp_path}\n").data_dir == tmp_path


@pytest.mark.parametrize("text", ["", "\n", "# alleen commentaar\n", "version: 1\n"])
def test_an_empty_file_is_the_defaults(text: str) -> None:
    assert read(text) == Settings()


def test_unknown_keys_are_reported_with_the_valid_ones() -> None:
    (problem,) = problems("role: politie\ncolour: red\n")
    assert problem.startswith(f"{FILE}:2: ")
    assert "onbekende sleutel 'colour'" in problem
    for key in (*KEYS, "contacts", "version"):
        assert key in problem


def test_unknown_contact_field_is_reported() -> None:
    (problem,) = problems("contacts:\n  avim:\n    name: A\n    fax: 1\n")
    assert f"{FILE}:4: " in problem and "'fax'" in problem and "phone" in problem


def test_every_problem_at_once_with_its_line() -> None:
    found = problems(
        "role: bakker\nformat: xml\nlang: fr\ncontacts:\n  zorg:\n    name: Z\n"
        "  avim:\n    phone: 1\n  oov:\n    name: O\n    email: geen-adres\n"
    )
    text = "\n".join(found)
    assert f"{FILE}:1: role" in text and "politie" in text  # the valid roles
    assert f"{FILE}:2: format" in text and "text, markdown, json, html" in text
    assert f"{FILE}:3: lang" in text and "nl, en" in text
    assert f"{FILE}:5: contacts: onbekende soort lokaal contact 'zorg'" in text
    assert "zorgcoordinator, ketenregisseur, avim" in text  # the kinds of the data
    assert f"{FILE}:8: contacts.avim: sleutel 'name' ontbreekt" in text or (
        f"{FILE}:8:" in text and "'name' ontbreekt" in text
    )
    assert f"{FILE}:11: contacts.oov.email" in text
    assert len(found) == 6


def test_the_contact_kinds_come_from_the_data() -> None:
    text = "contacts:\n  regio-team:\n    name: Team Regio\n"
    assert "'regio-team'" in problems(text)[0]
    assert read(text, ("regio-team",)).contacts["regio-team"].name == "Team Regio"
    assert read(text, None).contacts["regio-team"].name == "Team Regio"  # None: not checked


@pytest.mark.parametrize("value", ['"a\\nb"', '"bel\\a"', '"\\e[31mrood"'])
def test_control_characters_are_refused(value: str) -> None:
    (problem,) = problems(f"contacts:\n  avim:\n    name: {value}\n")
    assert f"{FILE}:3:" in problem and "één regel" in problem
    assert "\x1b" not in problem and "\n" not in problem


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("role: [politie\n", 2),
        ("role: politie\n  format: json\n", 2),
        ("- role\n", 1),
        ("role:\n", 1),
        ("version: 2\n", 1),
    ],
)
def test_broken_files_name_the_line(text: str, line: int) -> None:
    found = problems(text)
    assert found[0].startswith(f"{FILE}:{line}: ")


def rich_settings(tmp_path: Path) -> Settings:
    s = Settings(role="onderwijs", format=Format.json, data_dir=tmp_path, lang="nl")
    s = with_contact(
        s, "zorgcoordinator", default_name="-", name="Zorgcoördinator Regio X", phone="010-1"
    )
    return with_contact(s, "avim", default_name="-", name="AVIM", email="a@b.nl", note="24/7")


def test_a_file_cut_off_anywhere_in_a_line_is_refused_with_that_line(tmp_path: Path) -> None:
    """Every mid-line cut of a file the tool wrote is an error that names the cut's line."""
    text = dump_settings(rich_settings(tmp_path), KINDS, ROLES)
    for end in range(1, len(text)):
        cut = text[:end]
        if cut.endswith("\n"):
            continue  # cut at a line end: not mid-line
        with pytest.raises(DataError) as info:
            read(cut)
        assert info.value.problems[0].line == cut.count("\n") + 1, repr(cut[-30:])


def test_a_hand_written_file_may_end_without_a_newline() -> None:
    assert read("role: politie").role == "politie"


# -- writing ----------------------------------------------------------------------------------
def test_dump_says_it_never_holds_anything_about_a_child_or_case(tmp_path: Path) -> None:
    text = dump_settings(Settings(), KINDS, ROLES)
    assert text.startswith(MARK)
    assert "nooit iets over een kind of een casus" in text
    assert read(text) == Settings()
    assert "zorgcoordinator" in text and "gemeente" in text  # the valid kinds and roles
    assert all(len(line) <= 100 for line in text.splitlines())


def test_dump_and_read_round_trip(tmp_path: Path) -> None:
    s = rich_settings(tmp_path)
    assert read(dump_settings(s, KINDS, ROLES)) == s


_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=30,
).map(str.strip)


_phone = st.from_regex(r"\+?[0-9 ()-]{0,12}[0-9][0-9 ()-]{0,12}", fullmatch=True).map(str.strip)


@given(name=_text, phone=_phone, email=_text, note=_text)
def test_round_trip_of_any_printable_contact(name: str, phone: str, email: str, note: str) -> None:
    email = "x" + "".join(email.replace("@", "").split()) + "@regio.nl"
    s = with_contact(
        Settings(), "avim", default_name="AVIM", name=name, phone=phone, email=email, note=note
    )
    assert read(dump_settings(s, KINDS, ROLES)) == s


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.yaml"
    save_settings(path, Settings(role="politie"), KINDS, ROLES)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OutputError, match="kan niet schrijven"):  # a full disk: exit 1
        save_settings(path, Settings(role="gemeente"), KINDS, ROLES)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml"]  # no temporary file


def test_save_creates_the_folder_and_keeps_the_file_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "config.yaml"
    save_settings(path, Settings(lang="en"))
    assert load_settings(path).lang == "en"
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0  # mkstemp: only the user can read it


# -- loading and changing ---------------------------------------------------------------------
def test_load_without_a_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.yaml") == Settings()


def test_load_a_corrupt_file_names_path_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text('version: 1\nrole: "gem', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_settings(path, KINDS, ROLES)
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{path}:2: ")
    assert "repareer of verwijder het bestand" in str(problem)
    assert "uitbuiting config edit" in str(problem)


def test_load_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"role: \xff\n")
    with pytest.raises(DataError, match="UTF-8"):
        load_settings(path)


def known(_settings: Settings) -> Known:
    return KNOWN


def test_update_refuses_a_corrupt_file_and_leaves_it_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    good = dump_settings(rich_settings(tmp_path), KINDS, ROLES).encode()
    path.write_bytes(good[: good.index(b"AVIM") + 2])
    before = path.read_bytes()
    with pytest.raises(DataError) as info:
        update_settings(path, lambda s: without_value(s, "role"), known)
    assert "niet gewijzigd" in str(info.value.problems[-1])
    assert path.read_bytes() == before


def test_update_refuses_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("role: bakker\n", encoding="utf-8")
    with pytest.raises(DataError):
        update_settings(path, lambda s: with_value(s, "format", "json", ROLES), known)
    assert path.read_text(encoding="utf-8") == "role: bakker\n"


def test_update_writes_only_a_change(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("role: politie\n", encoding="utf-8")
    update_settings(path, lambda s: with_value(s, "role", "politie", ROLES), known)
    assert path.read_text(encoding="utf-8") == "role: politie\n"
    update_settings(path, lambda s: with_value(s, "format", "json", ROLES), known)
    assert load_settings(path) == Settings(role="politie", format=Format.json)


def test_update_checks_the_result_against_its_data(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    update_settings(path, lambda s: with_value(s, "role", "politie", None), known)
    before = path.read_bytes()
    regio = tmp_path / "regio"
    small = Known({}, ("gemeente",), "de data in regio")

    def known_after(s: Settings) -> Known:
        return small if s.data_dir == regio else KNOWN

    with pytest.raises(UserError, match="'politie' bestaat niet in de data in regio"):
        change = lambda s: with_value(s, "data_dir", str(regio), None)  # noqa: E731
        update_settings(path, change, known_after, moves_data=True)
    assert path.read_bytes() == before


def test_with_value_checks_each_key(tmp_path: Path) -> None:
    s = Settings()
    assert with_value(s, "role", " Politie ", ROLES).role == "politie"
    assert with_value(s, "format", "HTML", ROLES).format is Format.html
    assert with_value(s, "lang", "en", ROLES).lang == "en"
    assert with_value(s, "data_dir", str(tmp_path), ROLES).data_dir == tmp_path
    for key, value, valid in [
        ("role", "bakker", "gemeente"),
        ("format", "xml", "markdown"),
        ("lang", "fr", "nl, en"),
    ]:
        with pytest.raises(UserError, match=valid):
            with_value(s, key, value, ROLES)
    with pytest.raises(UserError, match="role, format, data_dir, lang"):
        with_value(s, "colour", "red", ROLES)
    with pytest.raises(UserError, match="één regel"):
        with_value(s, "role", "a\nb", ROLES)
    assert without_value(with_value(s, "role", "om", ROLES), "role") == s


def test_with_contact_merges_and_clears() -> None:
    s = with_contact(Settings(), "avim", default_name="AVIM van de politie", phone="0900-8844")
    assert s.contacts["avim"] == LocalContact("avim", "AVIM van de politie", "0900-8844")
    s = with_contact(s, "avim", default_name="-", name="Team Regio X", note="vraag naar Y")
    assert s.contacts["avim"] == LocalContact(
        "avim", "Team Regio X", "0900-8844", None, "vraag naar Y"
    )
    s = with_contact(s, "avim", default_name="-", phone="")
    assert s.contacts["avim"].phone is None
    with pytest.raises(UserError, match="e-mailadres"):
        with_contact(s, "avim", default_name="-", email="geen adres")
    with pytest.raises(UserError, match="één regel"):
        with_contact(s, "avim", default_name="-", note="regel\nregel")
    assert without_contact(s, "avim") == Settings()


@pytest.mark.parametrize("name", ["zorgcoordinator", "Zorgcoördinator", " ZORGCOÖRDINATOR "])
def test_find_kind_ignores_case_and_accents(name: str) -> None:
    assert find_kind(name, KINDS) == "zorgcoordinator"


def test_find_kind_lists_the_kinds_of_the_data() -> None:
    with pytest.raises(UserError) as info:
        find_kind("burgemeester", KINDS)
    assert "'burgemeester'" in str(info.value)
    assert ", ".join(KINDS) in str(info.value)


def test_check_settings() -> None:
    check_settings(Settings(role="om", contacts={"avim": LocalContact("avim", "A")}), KNOWN)
    with pytest.raises(UserError, match="'x' bestaat niet in de meegeleverde data"):
        check_settings(Settings(contacts={"x": LocalContact("x", "X")}), KNOWN)


# -- precedence -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("option", "env", "file", "value", "source"),
    [
        ("o", "e", "f", "o", Source.option),
        ("o", None, "f", "o", Source.option),
        ("o", None, None, "o", Source.option),
        (None, "e", "f", "e", Source.env),
        (None, "e", None, "e", Source.env),
        (None, None, "f", "f", Source.file),
        (None, None, None, "d", Source.default),
    ],
)
def test_resolve(
    option: str | None, env: str | None, file: str | None, value: str, source: Source
) -> None:
    resolved = resolve(option, env, file, "d")
    assert (resolved.value, resolved.source) == (value, source)


@pytest.mark.parametrize(
    ("option", "env", "file", "role", "fmt", "source"),
    [
        (True, True, True, "politie", Format.html, Source.option),
        (False, True, True, "raad", Format.markdown, Source.env),
        (False, False, True, "gemeente", Format.json, Source.file),
        (False, False, False, None, Format.text, Source.default),
    ],
)
def test_precedence_of_role_and_format(
    option: bool, env: bool, file: bool, role: str | None, fmt: Format, source: Source
) -> None:
    in_file = Settings(role="gemeente", format=Format.json) if file else Settings()
    environ = {"UITBUITING_ROLE": "raad", "UITBUITING_FORMAT": "markdown"} if env else {}
    eff = effective(
        in_file,
        read_environment(environ, ROLES),
        role="politie" if option else None,
        fmt=Format.html if option else None,
    )
    assert (eff["role"].value, eff["role"].source) == (role, source)
    assert (eff["format"].value, eff["format"].source) == (fmt, source)


def test_environment() -> None:
    env = read_environment(
        {
            "UITBUITING_ROLE": " Politie ",
            "UITBUITING_FORMAT": "JSON",
            "UITBUITING_DATA_DIR": "regio",
            "UITBUITING_LANG": "en",
        },
        ROLES,
    )
    assert env == Settings(role="politie", format=Format.json, data_dir=Path("regio"), lang="en")
    assert read_environment({"UITBUITING_ROLE": "", "UITBUITING_FORMAT": " "}, ROLES) == Settings()


@pytest.mark.parametrize(
    ("var", "value", "valid"),
    [
        ("UITBUITING_FORMAT", "xml", "text, markdown, json, html"),
        ("UITBUITING_LANG", "fr", "nl, en"),
        ("UITBUITING_ROLE", "bakker", "gemeente"),
    ],
)
def test_a_wrong_environment_value_names_the_variable(var: str, value: str, valid: str) -> None:
    with pytest.raises(UserError) as info:
        read_environment({var: value}, ROLES)
    assert str(info.value).startswith(f"{var}: ")
    assert f"'{value}'" in str(info.value) and valid in str(info.value)


def test_the_role_in_the_environment_is_checked_only_against_known_roles() -> None:
    assert read_environment({"UITBUITING_ROLE": "bakker"}, None).role == "bakker"


# -- where ------------------------------------------------------------------------------------
def test_config_dir_from_the_environment(tmp_path: Path) -> None:
    assert config_dir({CONFIG_DIR_VAR: str(tmp_path)}) == tmp_path
    assert settings_path({CONFIG_DIR_VAR: str(tmp_path)}) == tmp_path / "config.yaml"


def test_config_dir_default_is_platformdirs() -> None:
    import platformdirs

    expected = Path(platformdirs.user_config_dir("uitbuiting", appauthor=False))
    assert config_dir({}) == expected
    assert config_dir({CONFIG_DIR_VAR: ""}) == expected
