import datetime as dt

from generator import formatting


def test_indonesian_numbers_money_and_dates():
    assert formatting.number(1234) == "1.234"
    assert formatting.number(15443) == "15.443"
    assert formatting.rupiah(42_000_000) == "Rp42.000.000"
    assert formatting.rupiah_short(42_000_000) == "Rp42 juta"
    assert formatting.rupiah_short(2_980_000_000) == "Rp2,98 miliar"
    assert formatting.date(dt.date(2023, 3, 15)) == "15 Maret 2023"
    assert formatting.month(dt.date(2026, 10, 1)) == "Oktober 2026"


def test_percent_rounds_to_one_decimal_with_comma_and_handles_no_target():
    assert formatting.percent(73, 100) == "73%"
    assert formatting.percent(1, 3) == "33,3%"
    assert formatting.percent(157, 100) == "157%"
    assert formatting.percent(5, 0) == "–"
