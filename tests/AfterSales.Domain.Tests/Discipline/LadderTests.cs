using System.Globalization;
using AfterSales.Domain.Discipline;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AfterSales.Domain.Discipline.DisciplineLevel;

namespace AfterSales.Domain.Tests.Discipline;

public class LadderTests
{
    [Fact]
    public void A_reversal_whose_original_no_longer_counts_is_left_out_and_a_record_is_reversed_once()
    {
        LadderRecord[] records =
        [
            new(1, new DateOnly(2026, 3, 1), Demerit),
            new(2, new DateOnly(2026, 4, 1), Demerit, ReversesRecordId: 1),
            new(3, new DateOnly(2026, 4, 2), Demerit, ReversesRecordId: 1),
            new(4, new DateOnly(2026, 5, 1), Warning, ReversesRecordId: 77),
        ];
        Assert.Equal([1L, 2L], Ladder.WithoutOrphanReversals(records).Select(r => r.Id));
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Records numbered 1, 2, 3… from "yyyy-MM-dd Level" specs.</summary>
    private static List<LadderRecord> Records(params string[] specs) =>
        [.. specs.Select((spec, i) =>
        {
            var parts = spec.Split(' ');
            return new LadderRecord(i + 1, D(parts[0]), Enum.Parse<DisciplineLevel>(parts[1]));
        })];

    [Theory]
    [InlineData(Commendation, 1)]
    [InlineData(Merit, 3)]
    [InlineData(MajorMerit, 9)]
    [InlineData(Warning, -1)]
    [InlineData(Demerit, -3)]
    [InlineData(MajorDemerit, -9)]
    [InlineData(Removal, 0)]
    [InlineData(Dismissal, 0)]
    public void Each_level_has_its_monthly_points(DisciplineLevel level, int points) =>
        Assert.Equal(points, Ladder.Points(level));

    public static TheoryData<string[], string[]> Explanations => new()
    {
        {
            ["2026-04-03 Demerit", "2026-04-20 Demerit", "2026-05-05 Demerit", "2026-06-10 MajorMerit"],
            [
                "2 demerits from April + 1 from May → 1 major demerit",
                "1 major merit from June offsets 1 major demerit from May → net 0",
                "Standing for 2026: nothing remains; score 0.",
            ]
        },
        {
            ["2026-03-01 Merit", "2026-04-01 Demerit"],
            ["1 merit from March offsets 1 demerit from April → net 0", "Standing for 2026: nothing remains; score 0."]
        },
        {
            [
                "2026-01-05 Merit", "2026-01-20 Merit", "2026-02-02 Merit", "2026-03-02 Merit", "2026-04-01 Demerit",
                "2026-02-10 Commendation", "2026-02-11 Commendation", "2026-05-01 Warning",
            ],
            [
                "2 merits from January + 1 from February → 1 major merit",
                "1 merit from March offsets 1 demerit from April → net 0",
                "1 commendation from February offsets 1 warning from May → net 0",
                "Standing for 2026: 1 commendation, 1 major merit; score +10.",
            ]
        },
        {
            ["2026-06-01 MajorMerit", "2026-07-01 MajorDemerit", "2026-08-01 MajorDemerit"],
            ["1 major merit from June offsets 1 major demerit from July → net 0", "Standing for 2026: 1 major demerit; score -9."]
        },
        {
            ["2026-01-10 Merit", "2026-02-10 Merit", "2026-03-10 Merit", "2026-06-10 MajorDemerit", "2026-09-10 Warning"],
            [
                "1 merit from January + 1 from February + 1 from March → 1 major merit",
                "1 major merit from March offsets 1 major demerit from June → net 0",
                "Standing for 2026: 1 warning; score -1.",
            ]
        },
        {
            ["2026-05-03 Removal"],
            ["Removal from post on 3 May: no points; raised as an alert.", "Standing for 2026: 1 removal from post; score 0."]
        },
        {
            [],
            ["Standing for 2026: nothing remains; score 0."]
        },
        {
            ["2025-12-31 Demerit", "2026-01-01 Demerit", "2027-01-01 Demerit"],
            ["Standing for 2026: 1 demerit; score -3."]
        },
    };

    [Theory]
    [MemberData(nameof(Explanations))]
    public void The_standing_explains_each_step_in_english(string[] records, string[] expected) =>
        Assert.Equal(expected, Ladder.Standing(Records(records), 2026).Explanation);

    [Fact]
    public void Three_demerits_become_a_major_demerit_and_the_score_is_unchanged()
    {
        var standing = Ladder.Standing(Records("2026-01-01 Demerit", "2026-02-01 Demerit", "2026-03-01 Demerit"), 2026);

        Assert.Equal(1, standing.Count(MajorDemerit));
        Assert.Equal(0, standing.Count(Demerit));
        Assert.Equal(-9, standing.Score);
    }

    [Fact]
    public void Three_merits_in_different_years_do_not_convert()
    {
        var records = Records("2025-11-01 Merit", "2025-12-01 Merit", "2026-01-01 Merit");

        Assert.Equal(1, Ladder.Standing(records, 2026).Count(Merit));
        Assert.Equal(2, Ladder.Standing(records, 2025).Count(Merit));
    }

    [Fact]
    public void Records_land_in_date_order_so_a_conversion_made_stands_and_later_records_offset_what_is_left()
    {
        // 4 merits in January, 2 demerits in February: the third merit made a major merit on 3 January; the
        // demerits then meet the one merit standing (offset) and nothing (stands).
        var standing = Ladder.Standing(
            Records("2026-01-01 Merit", "2026-01-02 Merit", "2026-01-03 Merit", "2026-01-04 Merit", "2026-02-01 Demerit", "2026-02-02 Demerit"),
            2026);

        Assert.Equal(new Dictionary<DisciplineLevel, int> { [MajorMerit] = 1, [Demerit] = 1 }, standing.Counts);
        Assert.Equal(6, standing.Score);
    }

    [Fact]
    public void An_april_merit_never_turns_the_major_demerit_published_in_march_back_into_demerits()
    {
        // 第八条 (一)(二)(三): 全累计三次记过=一次大过; 一次记功抵一次记过 — the offset is between equal levels only.
        var records = Records("2026-03-02 Demerit", "2026-03-10 Demerit", "2026-03-20 Demerit", "2026-04-08 Merit");

        var march = Ladder.Standing(records.Where(r => r.Date <= D("2026-03-31")), 2026);
        var april = Ladder.Standing(records, 2026);

        Assert.Equal(new Dictionary<DisciplineLevel, int> { [MajorDemerit] = 1 }, march.Counts);
        Assert.Equal(new Dictionary<DisciplineLevel, int> { [Merit] = 1, [MajorDemerit] = 1 }, april.Counts);
        Assert.Equal(
            [
                "3 demerits from March → 1 major demerit",
                "Standing for 2026: 1 merit, 1 major demerit; score -6.",
            ],
            april.Explanation);
    }

    [Fact]
    public void A_merit_offsets_a_standing_demerit_of_an_earlier_month()
    {
        var standing = Ladder.Standing(Records("2026-03-02 Demerit", "2026-03-10 Demerit", "2026-04-08 Merit"), 2026);

        Assert.Equal(new Dictionary<DisciplineLevel, int> { [Demerit] = 1 }, standing.Counts);
        Assert.Equal("1 merit from April offsets 1 demerit from March → net 0", standing.Explanation[0]);
    }

    [Fact]
    public void A_converted_major_merit_cancels_a_standing_major_demerit()
    {
        var standing = Ladder.Standing(Records("2026-01-05 MajorDemerit", "2026-02-01 Merit", "2026-02-02 Merit", "2026-02-03 Merit"), 2026);

        Assert.Empty(standing.Counts);
        Assert.Equal(
            ["3 merits from February → 1 major merit", "1 major merit from February offsets 1 major demerit from January → net 0", "Standing for 2026: nothing remains; score 0."],
            standing.Explanation);
    }

    [Fact]
    public void Nine_demerits_reach_the_dismissal_threshold_as_an_alert_only()
    {
        var records = Enumerable.Range(1, 9).Select(m => $"2026-{m:00}-15 Demerit").ToArray();

        var standing = Ladder.Standing(Records(records), 2026);

        Assert.True(standing.DismissalThreshold);
        Assert.Equal(3, standing.Count(MajorDemerit));
        Assert.Equal(0, standing.Count(Dismissal));
        var alert = Assert.Single(standing.Alerts);
        Assert.Equal("ladder.dismissal_threshold", alert.Code);
        Assert.Equal(
            [
                "1 demerit from January + 1 from February + 1 from March → 1 major demerit",
                "1 demerit from April + 1 from May + 1 from June → 1 major demerit",
                "1 demerit from July + 1 from August + 1 from September → 1 major demerit",
                "3 major demerits → dismissal threshold reached (for a manager to decide).",
                "Standing for 2026: 3 major demerits; score -27.",
            ],
            standing.Explanation);
    }

    [Fact]
    public void A_major_merit_keeps_two_major_demerits_plus_one_below_the_threshold()
    {
        var standing = Ladder.Standing(
            Records("2026-01-01 MajorDemerit", "2026-02-01 MajorDemerit", "2026-03-01 MajorDemerit", "2026-04-01 MajorMerit"),
            2026);

        Assert.False(standing.DismissalThreshold);
        Assert.Equal(2, standing.Count(MajorDemerit));
        Assert.Empty(standing.Alerts);
    }

    [Fact]
    public void Removal_and_dismissal_raise_alerts_and_score_nothing()
    {
        var standing = Ladder.Standing(Records("2026-05-03 Removal", "2026-06-01 Dismissal"), 2026);

        Assert.Equal(["ladder.removal", "ladder.dismissal"], standing.Alerts.Select(a => a.Code));
        Assert.Equal("Removal from post recorded on 2026-05-03 (record #1).", standing.Alerts[0].Message);
        Assert.Equal(0, standing.Score);
    }

    [Fact]
    public void A_reversed_record_does_not_count_and_the_explanation_says_so()
    {
        var records = new List<LadderRecord>
        {
            new(12, D("2026-03-04"), Demerit),
            new(15, D("2027-01-10"), Demerit, ReversesRecordId: 12),
            new(16, D("2026-03-05"), Warning),
        };

        var standing = Ladder.Standing(records, 2026);

        Assert.Equal(
            [
                "The demerit of 4 March (record #12) is reversed by record #15 and does not count.",
                "Standing for 2026: 1 warning; score -1.",
            ],
            standing.Explanation);
    }

    public static TheoryData<LadderRecord[], string> BrokenReversals => new()
    {
        { [new(1, D("2026-01-01"), Merit), new(1, D("2026-01-02"), Merit)], "ladder.duplicate_record_id" },
        { [new(2, D("2026-01-02"), Merit, ReversesRecordId: 9)], "ladder.reversal_target_missing" },
        { [new(1, D("2026-01-01"), Merit), new(2, D("2026-01-02"), Merit, 1), new(3, D("2026-01-03"), Merit, 2)], "ladder.reversal_of_reversal" },
        { [new(1, D("2026-01-01"), Merit), new(2, D("2026-01-02"), Merit, 1), new(3, D("2026-01-03"), Merit, 1)], "ladder.reversed_twice" },
    };

    [Theory]
    [MemberData(nameof(BrokenReversals))]
    public void Inconsistent_records_are_refused(LadderRecord[] records, string code)
    {
        var ex = Assert.Throws<DomainException>(() => Ladder.Standing(records, 2026));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void The_monthly_score_sums_the_points_of_the_month()
    {
        var records = Records("2026-04-01 Merit", "2026-04-30 Warning", "2026-05-01 MajorDemerit", "2025-04-10 Merit");
        records.Add(new LadderRecord(99, D("2026-06-01"), Warning, ReversesRecordId: 2));

        Assert.Equal(3, Ladder.MonthlyScore(records, 2026, 4));
        Assert.Equal(-9, Ladder.MonthlyScore(records, 2026, 5));
        Assert.Equal(0, Ladder.MonthlyScore(records, 2026, 6));
    }

    // ---- properties -------------------------------------------------------------------------

    private static readonly DisciplineLevel[] ScoredLevels = [Commendation, Merit, MajorMerit, Warning, Demerit, MajorDemerit];

    private static readonly Gen<LadderRecord[]> AnyRecords =
        from count in Gen.Choose(0, 40)
        from specs in Gen.Zip(
                Gen.Choose(-20, 385),
                Gen.Frequency((9, Gen.Elements(ScoredLevels)), (1, Gen.Elements(Removal, Dismissal))))
            .ArrayOf(count)
        select specs.Select((s, i) => new LadderRecord(i + 1, new DateOnly(2026, 1, 1).AddDays(s.Item1), s.Item2)).ToArray();

    private static readonly Arbitrary<(LadderRecord[] Records, LadderRecord[] Shuffled)> RecordsAndShuffle =
        (from records in AnyRecords
         from shuffled in Gen.Shuffle(records)
         select (records, shuffled)).ToArbitrary();

    private static string Fingerprint(Standing s) => string.Join(
        "|",
        string.Join(",", s.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")),
        s.Score,
        s.DismissalThreshold,
        string.Join(",", s.Alerts.Select(a => a.Message)),
        string.Join("/", s.Explanation));

    [Property]
    public Property The_standing_does_not_depend_on_the_order_of_the_records() =>
        Prop.ForAll(RecordsAndShuffle, x =>
            Fingerprint(Ladder.Standing(x.Records, 2026)) == Fingerprint(Ladder.Standing(x.Shuffled, 2026)));

    [Property]
    public Property Offsetting_and_conversion_never_change_the_score() =>
        Prop.ForAll(AnyRecords.ToArbitrary(), records =>
        {
            var standing = Ladder.Standing(records, 2026);
            var recorded = records.Where(r => r.Date.Year == 2026).Sum(r => Ladder.Points(r.Level));
            var remaining = standing.Counts.Sum(c => c.Value * Ladder.Points(c.Key));
            return standing.Score == recorded && remaining == recorded;
        });

    [Property]
    public Property Nothing_is_left_that_could_still_be_offset_or_converted() =>
        Prop.ForAll(AnyRecords.ToArbitrary(), records =>
        {
            var s = Ladder.Standing(records, 2026);
            return !(s.Count(Commendation) > 0 && s.Count(Warning) > 0)
                && !(s.Count(Merit) > 0 && s.Count(Demerit) > 0)
                && !(s.Count(MajorMerit) > 0 && s.Count(MajorDemerit) > 0)
                && s.Count(Merit) < 3
                && s.Count(Demerit) < 3
                && s.DismissalThreshold == (s.Count(MajorDemerit) >= 3);
        });

    [Property]
    public Property Reversing_every_record_leaves_an_empty_standing() =>
        Prop.ForAll(
            (from records in AnyRecords
             from reversalDays in Gen.Choose(0, 500).ArrayOf(records.Length)
             from all in Gen.Shuffle(records.Concat(records.Select((r, i) =>
                 new LadderRecord(1000 + r.Id, new DateOnly(2026, 1, 1).AddDays(reversalDays[i]), r.Level, r.Id))))
             select all).ToArbitrary(),
            all =>
            {
                var s = Ladder.Standing(all, 2026);
                return s.Counts.Count == 0 && s.Score == 0 && s.Alerts.Count == 0 && !s.DismissalThreshold;
            });
    [Property]
    public Property A_later_record_never_rewrites_a_standing_already_published() =>
        Prop.ForAll(
            (from records in AnyRecords
             from cutoff in Gen.Choose(0, 364)
             select (records, cutoff)).ToArbitrary(),
            x =>
            {
                var published = new DateOnly(2026, 1, 1).AddDays(x.cutoff);
                var then = Ladder.Standing(x.records.Where(r => r.Date <= published), 2026);
                var now = Ladder.Standing(x.records, 2026);
                var steps = Steps(then);
                return Steps(now).Take(steps.Count).SequenceEqual(steps);
            });

    /// <summary>The explanation without the closing lines (threshold, summary): the steps taken as records landed.</summary>
    private static List<string> Steps(Standing s) => [.. s.Explanation.Take(s.Explanation.Count - (s.DismissalThreshold ? 2 : 1))];

    // ---- 全累计三次大过解雇 -----------------------------------------------------------------------

    [Fact]
    public void Major_demerits_are_counted_across_years_and_the_alert_lists_the_records_counted()
    {
        var records = Records(
            "2024-06-01 MajorDemerit",
            "2025-03-04 Demerit", "2025-05-05 Demerit", "2025-09-09 Demerit",
            "2026-02-02 MajorDemerit",
            "2026-02-03 Warning");

        var count = Ladder.Dismissal(records, D("2026-11-30"));

        Assert.Equal(3, count.MajorDemerits);
        Assert.True(count.ThresholdReached);
        Assert.Equal([[1L], [2L, 3L, 4L], [5L]], count.Counted.Select(c => c.RecordIds.ToArray()));
        Assert.Equal("ladder.dismissal_threshold_total", count.Alert!.Code);
        Assert.Equal(
            "3 major demerits counted since 2024-06-01 (#1 (2024-06-01); #2+#3+#4 (2025-09-09); #5 (2026-02-02)) reach the dismissal threshold (3 major demerits in all); a manager decides, nothing happens automatically.",
            count.Alert.Message);
        Assert.False(Ladder.Standing(records, 2026).DismissalThreshold);
    }

    [Fact]
    public void A_window_set_by_the_company_limits_the_years_counted()
    {
        var records = Records("2023-12-01 MajorDemerit", "2025-01-10 MajorDemerit", "2026-04-01 MajorDemerit");

        Assert.True(Ladder.Dismissal(records, D("2026-11-30")).ThresholdReached);
        Assert.True(Ladder.Dismissal(records, D("2026-11-30"), windowYears: 0).ThresholdReached);
        var windowed = Ladder.Dismissal(records, D("2026-11-30"), windowYears: 2);
        Assert.Equal(2, windowed.MajorDemerits);
        Assert.False(windowed.ThresholdReached);
        Assert.Null(windowed.Alert);
        Assert.Equal(
            "ladder.dismissal_window",
            Assert.Throws<DomainException>(() => Ladder.Dismissal(records, D("2026-11-30"), windowYears: -1)).Code);
    }

    [Fact]
    public void Offsets_stay_within_their_year_and_reversed_or_later_records_are_not_counted()
    {
        var records = Records("2025-02-01 MajorDemerit", "2025-03-01 MajorDemerit", "2026-01-15 MajorMerit", "2026-05-01 MajorDemerit", "2026-12-01 MajorDemerit");
        records.Add(new LadderRecord(9, D("2026-06-01"), MajorDemerit, ReversesRecordId: 2));

        // 2025: #1 stands (#2 reversed); 2026: the major merit cancels #4; #5 is after the day counted.
        var count = Ladder.Dismissal(records, D("2026-11-30"));

        Assert.Equal([1L], count.Counted.SelectMany(c => c.RecordIds));
        Assert.False(count.ThresholdReached);
    }
}