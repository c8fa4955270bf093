"""Complaint codes: readable, carrying unit and date, and a check character that catches typos."""

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seva.complaints.codes import (
    ALPHABET,
    PREFIX_LETTERS,
    CodeCheckError,
    CodeError,
    CodeFormatError,
    check_character,
    format_code,
    make_code,
    normalise,
    parse_code,
)

LUCKNOW_CODE = str(make_code(prefix="LKN", date=dt.date(2026, 11, 22), serial=42))

codes = st.builds(
    make_code,
    prefix=st.text(alphabet=PREFIX_LETTERS, min_size=2, max_size=4),
    # YYMMDD: %y reads 00-68 as 20xx, so codes are unambiguous until 2068.
    date=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2068, 12, 31)),
    serial=st.integers(min_value=1, max_value=99_999_999),
)


def test_code_reads_as_unit_date_serial_and_check():
    assert LUCKNOW_CODE.startswith("LKN-261122-042-")
    assert len(LUCKNOW_CODE) == len("LKN-261122-042-X")


def test_a_citizen_may_type_it_loosely():
    loose = LUCKNOW_CODE.lower().replace("-", " ")
    assert format_code(loose) == LUCKNOW_CODE
    assert format_code(LUCKNOW_CODE.replace("-", "")) == LUCKNOW_CODE


def test_letter_o_typed_for_zero_is_forgiven():
    assert format_code(LUCKNOW_CODE.replace("0", "O")) == LUCKNOW_CODE


def _single_character_typos(compact: str) -> Iterator[str]:
    for position, original in enumerate(compact):
        for replacement in ALPHABET:
            if replacement != original:
                yield compact[:position] + replacement + compact[position + 1 :]


def _adjacent_swaps(compact: str) -> Iterator[str]:
    for position in range(len(compact) - 1):
        swapped = (
            compact[:position] + compact[position + 1] + compact[position] + compact[position + 2 :]
        )
        if swapped != compact:
            yield swapped


@given(codes)
def test_every_single_character_typo_is_detected(code):
    for typo in _single_character_typos(normalise(str(code))):
        with pytest.raises(CodeError):
            parse_code(typo)


@given(codes)
def test_every_adjacent_swap_is_detected(code):
    for swap in _adjacent_swaps(normalise(str(code))):
        with pytest.raises(CodeError):
            parse_code(swap)


def test_exhaustive_typos_on_one_code_say_mistyped_where_the_shape_still_fits():
    compact = normalise(LUCKNOW_CODE)
    kinds = set()
    for typo in _single_character_typos(compact):
        with pytest.raises(CodeError) as caught:
            parse_code(typo)
        kinds.add(type(caught.value))
    assert CodeCheckError in kinds


@given(codes)
def test_round_trip(code):
    assert parse_code(str(code)) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "LKN-261122",
        "LKN-261399-042-" + check_character("LKN261399042"),  # no 99th of December
        "LK!-261122-042-7",
        "ZZZ-261122-042-7",
    ],
)
def test_malformed_codes_get_a_format_error(text):
    with pytest.raises(CodeFormatError):
        parse_code(text)


def test_prefixes_are_letters_from_the_alphabet_only():
    with pytest.raises(CodeFormatError):
        make_code(prefix="LKO", date=dt.date(2026, 1, 1), serial=1)  # O is not in the alphabet
