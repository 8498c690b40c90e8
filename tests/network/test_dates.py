import datetime as dt
import zoneinfo

from django.template import Context, Template
from django.utils import translation

from network.lib.dates import format_date, format_range

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def render(source, **context):
    return Template(source).render(Context(context))


def test_thai_dates_use_the_buddhist_era():
    assert format_date(dt.date(2014, 3, 6), lang="th") == "6 มีนาคม 2557"
    assert format_date(dt.date(2014, 6, 12), "short", lang="th") == "12 มิ.ย. 2557"
    assert format_date(dt.date(2014, 3, 6), "month", lang="th") == "มีนาคม 2557"


def test_english_dates_use_the_common_era():
    assert format_date(dt.date(2014, 3, 6), lang="en") == "6 March 2014"
    assert format_date(dt.date(2014, 3, 6), "weekday", lang="en") == "Thursday, 6 March 2014"


def test_aware_datetimes_are_shown_in_bangkok_time():
    utc_evening = dt.datetime(2014, 3, 5, 19, 30, tzinfo=dt.UTC)  # 02:30 on the 6th in Bangkok
    assert format_date(utc_evening, "datetime", lang="th") == "6 มีนาคม 2557 เวลา 02:30 น."
    assert format_date(utc_evening, "datetime", lang="en") == "6 March 2014, 02:30"


def test_multi_day_ranges_share_month_and_year():
    start = dt.datetime(2014, 3, 6, 9, tzinfo=BANGKOK)
    end = dt.datetime(2014, 3, 7, 16, tzinfo=BANGKOK)
    assert format_range(start, end, lang="th") == "6–7 มีนาคม 2557"
    assert format_range(start, end, lang="en") == "6–7 March 2014"
    assert format_range(dt.date(2014, 6, 30), dt.date(2014, 7, 1), lang="en") == (
        "30 June 2014 – 1 July 2014"
    )


def test_template_filter_follows_the_active_language():
    day = dt.date(2014, 3, 6)
    with translation.override("th"):
        assert render("{{ d|thaidate }}", d=day) == "6 มีนาคม 2557"
    with translation.override("en"):
        assert render("{{ d|thaidate }}", d=day) == "6 March 2014"
        assert render("{{ d|thaidate:'bogus' }}", d=day) == "6 March 2014"
        assert render("{{ d|thaidate }}", d=None) == ""
