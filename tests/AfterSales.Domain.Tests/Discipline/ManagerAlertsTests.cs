using System.Globalization;
using AfterSales.Domain.Discipline;
using static AfterSales.Domain.Discipline.DisciplineLevel;

namespace AfterSales.Domain.Tests.Discipline;

/// <summary>
/// The dismissal alerts a manager sees about one person (<see cref="Ladder.ManagerAlerts"/>): a removal from post or a
/// dismissal recorded this year, and 3 major demerits counted across the employment (全累计三次大过解雇) or within the
/// company's window of years, with the records counted listed as evidence. Reversed records and offsets count nothing.
/// </summary>
public class ManagerAlertsTests
{
    private static readonly DateOnly Today = D("2026-11-30");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Records numbered 1, 2, 3… from "yyyy-MM-dd Level" specs.</summary>
    private static List<LadderRecord> Records(params string[] specs) =>
        [.. specs.Select((spec, i) =>
        {
            var parts = spec.Split(' ');
            return new LadderRecord(i + 1, D(parts[0]), Enum.Parse<DisciplineLevel>(parts[1]));
        })];

    private static IReadOnlyList<LadderAlert> Alerts(IReadOnlyCollection<LadderRecord> records, int windowYears = 0) =>
        Ladder.ManagerAlerts(records, Today, windowYears);

    [Fact]
    public void Nobody_with_no_records_or_only_small_penalties_raises_an_alert()
    {
        Assert.Empty(Alerts([]));
        Assert.Empty(Alerts(Records("2026-02-01 Warning", "2026-03-01 Demerit", "2026-04-01 MajorDemerit", "2026-05-01 MajorDemerit")));
    }

    [Fact]
    public void A_removal_from_post_recorded_this_year_is_an_alert_naming_its_day_and_record()
    {
        var alert = Assert.Single(Alerts(Records("2026-01-05 Warning", "2026-05-03 Removal")));

        Assert.Equal("ladder.removal", alert.Code);
        Assert.Equal("Removal from post recorded on 2026-05-03 (record #2).", alert.Message);
        Assert.Equal(new object[] { D("2026-05-03"), 2L }, alert.Args);
    }

    [Fact]
    public void A_dismissal_recorded_this_year_is_an_alert_naming_its_day_and_record()
    {
        var alert = Assert.Single(Alerts(Records("2026-11-30 Dismissal")));

        Assert.Equal("ladder.dismissal", alert.Code);
        Assert.Equal("Dismissal recorded on 2026-11-30 (record #1).", alert.Message);
        Assert.Equal(new object[] { D("2026-11-30"), 1L }, alert.Args);
    }

    [Fact]
    public void A_removal_and_a_dismissal_this_year_are_two_alerts_in_date_order()
    {
        var alerts = Alerts(Records("2026-09-01 Dismissal", "2026-03-01 Removal"));

        Assert.Equal(["ladder.removal", "ladder.dismissal"], alerts.Select(a => a.Code));
    }

    [Theory]
    [InlineData("2025-12-31 Removal")]
    [InlineData("2025-06-01 Dismissal")]
    [InlineData("2019-06-01 Removal")]
    public void A_removal_or_dismissal_of_an_earlier_year_is_no_alert_this_year(string record) =>
        Assert.Empty(Alerts(Records(record)));

    [Fact]
    public void Three_major_demerits_this_year_raise_one_alert_the_count_across_the_employment()
    {
        var alert = Assert.Single(Alerts(Records("2026-02-01 MajorDemerit", "2026-06-01 MajorDemerit", "2026-10-01 MajorDemerit")));

        Assert.Equal("ladder.dismissal_threshold_total", alert.Code);
        Assert.Equal(
            "3 major demerits counted since 2026-02-01 (#1 (2026-02-01); #2 (2026-06-01); #3 (2026-10-01)) reach the dismissal threshold (3 major demerits in all); a manager decides, nothing happens automatically.",
            alert.Message);
        Assert.Equal(new object[] { 3, D("2026-02-01"), "#1 (2026-02-01); #2 (2026-06-01); #3 (2026-10-01)" }, alert.Args);
    }

    [Fact]
    public void Major_demerits_of_earlier_years_count_toward_the_threshold_and_the_alert_lists_each_record_counted()
    {
        var alert = Assert.Single(Alerts(Records(
            "2022-07-01 MajorDemerit",
            "2024-03-04 Demerit", "2024-05-05 Demerit", "2024-09-09 Demerit",
            "2026-02-02 MajorDemerit")));

        Assert.Equal("ladder.dismissal_threshold_total", alert.Code);
        Assert.Equal<object>(3, alert.Args[0]);
        Assert.Equal<object>(D("2022-07-01"), alert.Args[1]);
        Assert.Equal<object>("#1 (2022-07-01); #2+#3+#4 (2024-09-09); #5 (2026-02-02)", alert.Args[2]);
    }

    [Fact]
    public void A_removal_and_the_dismissal_threshold_are_both_shown()
    {
        var alerts = Alerts(Records("2024-01-10 MajorDemerit", "2025-01-10 MajorDemerit", "2026-01-10 MajorDemerit", "2026-04-01 Removal"));

        Assert.Equal(["ladder.removal", "ladder.dismissal_threshold_total"], alerts.Select(a => a.Code));
    }

    [Fact]
    public void Two_major_demerits_across_the_employment_are_no_alert()
    {
        Assert.Empty(Alerts(Records("2023-05-01 MajorDemerit", "2026-05-01 MajorDemerit", "2026-06-01 Demerit", "2026-07-01 Demerit")));
    }

    [Theory]
    [InlineData("2024-12-01", true)] // the window's first day: two years before 2026-11-30, plus one day
    [InlineData("2024-11-30", false)] // the day before: outside
    public void The_window_of_years_starts_the_day_after_the_same_day_that_many_years_ago(string oldest, bool alerted)
    {
        var records = Records($"{oldest} MajorDemerit", "2025-06-01 MajorDemerit", "2026-06-01 MajorDemerit");

        var alerts = Alerts(records, windowYears: 2);

        Assert.Equal(alerted, alerts.Any(a => a.Code == "ladder.dismissal_threshold_total"));
        if (alerted)
        {
            Assert.Equal<object>(D("2024-12-01"), Assert.Single(alerts).Args[1]);
        }
    }

    [Fact]
    public void Without_a_window_the_whole_employment_counts_however_old()
    {
        var records = Records("2010-01-04 MajorDemerit", "2018-08-08 MajorDemerit", "2026-06-01 MajorDemerit");

        Assert.Single(Alerts(records, windowYears: 0));
        Assert.Empty(Alerts(records, windowYears: 5));
    }

    [Fact]
    public void A_negative_window_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Ladder.ManagerAlerts(Records("2026-01-01 MajorDemerit"), Today, -1));

        Assert.Equal("ladder.dismissal_window", error.Code);
    }

    [Fact]
    public void A_reversed_major_demerit_does_not_count_toward_the_threshold()
    {
        var records = Records("2024-02-01 MajorDemerit", "2025-02-01 MajorDemerit", "2026-02-01 MajorDemerit");
        Assert.Single(Alerts(records));

        records.Add(new LadderRecord(4, D("2026-03-01"), MajorDemerit, ReversesRecordId: 2));

        Assert.Empty(Alerts(records));
    }

    [Fact]
    public void A_reversed_demerit_breaks_the_three_that_would_have_made_a_major_demerit()
    {
        var records = Records("2024-02-01 MajorDemerit", "2025-02-01 MajorDemerit", "2026-02-01 Demerit", "2026-03-01 Demerit", "2026-04-01 Demerit");
        Assert.Equal<object>("#1 (2024-02-01); #2 (2025-02-01); #3+#4+#5 (2026-04-01)", Assert.Single(Alerts(records)).Args[2]);

        records.Add(new LadderRecord(6, D("2026-05-01"), Demerit, ReversesRecordId: 4));

        Assert.Empty(Alerts(records));
    }

    [Fact]
    public void A_reversed_removal_or_dismissal_is_no_alert()
    {
        var records = Records("2026-03-01 Removal", "2026-04-01 Dismissal");
        records.Add(new LadderRecord(3, D("2026-03-05"), Removal, ReversesRecordId: 1));
        records.Add(new LadderRecord(4, D("2026-04-05"), Dismissal, ReversesRecordId: 2));

        Assert.Empty(Alerts(records));
    }

    [Fact]
    public void A_major_merit_offsets_a_major_demerit_of_its_own_year_so_the_count_falls_below_the_threshold()
    {
        var records = Records("2024-02-01 MajorDemerit", "2025-02-01 MajorDemerit", "2026-02-01 MajorDemerit", "2026-08-01 MajorMerit");

        Assert.Empty(Alerts(records));
    }

    [Fact]
    public void Offsets_stay_within_their_year_a_major_merit_of_last_year_does_not_cancel_this_years_major_demerit()
    {
        var records = Records("2025-01-01 MajorMerit", "2025-02-01 MajorDemerit", "2025-03-01 MajorDemerit", "2025-04-01 MajorDemerit", "2026-02-01 MajorDemerit");

        var alert = Assert.Single(Alerts(records));

        // 2025: the merit cancels #2, #3 and #4 stand; 2026: #5 stands.
        Assert.Equal<object>("#3 (2025-03-01); #4 (2025-04-01); #5 (2026-02-01)", alert.Args[2]);
    }

    [Fact]
    public void Three_merits_made_a_major_merit_that_cancels_a_major_demerit()
    {
        var records = Records(
            "2024-02-01 MajorDemerit", "2025-02-01 MajorDemerit",
            "2026-01-01 MajorDemerit", "2026-02-01 Merit", "2026-03-01 Merit", "2026-04-01 Merit");

        Assert.Empty(Alerts(records));
    }
}
