using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Tests.Infrastructure;
using static AfterSales.Domain.Discipline.DisciplineLevel;

namespace AfterSales.Web.Tests.Discipline;

public sealed class RecordsExplanationTests
{
    private static LadderRecord R(long id, int month, DisciplineLevel level, long? reverses = null) => new(id, new DateOnly(2026, month, 10), level, reverses);

    private static List<string> Lines(Standing standing, string culture) => Localizers.In(culture, l => standing.Lines.Select(l.Render).ToList());

    [Fact]
    public void Two_demerits_from_April_and_one_from_May_convert_in_May_and_the_major_merit_of_June_offsets_it_read_in_Chinese()
    {
        var standing = Ladder.Standing([R(1, 4, Demerit), R(2, 4, Demerit), R(3, 5, Demerit), R(4, 6, MajorMerit)], 2026);
        var lines = Lines(standing, "zh-CN");
        Assert.Equal("4 月 2 次记过 + 5 月 1 次记过 → 折合 1 次记大过", lines[0]);
        Assert.Equal("6 月 1 次记大功 抵消 5 月 1 次记大过 → 相抵为 0", lines[1]);
        Assert.Equal("2026 年度结果：无；得分 0。", lines[^1]);
    }

    [Fact]
    public void Offsets_reversals_alerts_and_the_dismissal_threshold_leave_no_english_words()
    {
        var records = new List<LadderRecord>
        {
            R(1, 1, Merit), R(2, 2, Demerit), R(3, 3, Commendation), R(4, 3, Warning), R(5, 3, Warning),
            R(6, 4, MajorDemerit), R(7, 5, MajorDemerit), R(8, 6, MajorDemerit), R(9, 7, Dismissal), R(10, 8, Merit), R(11, 9, Merit, reverses: 10),
        };
        var lines = Lines(Ladder.Standing(records, 2026), "zh-CN");
        Assert.All(lines, line => Assert.DoesNotMatch("[A-Za-z]{3,}", line));
        Assert.Contains("1 月 1 次记功 抵消 2 月 1 次记过 → 相抵为 0", lines);
        Assert.Contains("8 月 10 日的记功（记录 #10）已被记录 #11 撤销，不计入。", lines);
        Assert.Contains("7 月 10 日解雇：不计分，已提醒管理人员。", lines);
        Assert.Contains("3 次记大过 → 达到解雇界限（由管理人员决定）。", lines);
        Assert.Contains("2026 年度结果：1 次警告，3 次记大过，1 次解雇；得分 -28。", lines);
    }

    [Fact]
    public void In_English_the_translated_lines_read_as_the_ladder_wrote_them()
    {
        var records = new List<LadderRecord>
        {
            R(1, 1, Merit), R(2, 2, Demerit), R(3, 4, Demerit), R(4, 4, Demerit), R(5, 5, Demerit), R(6, 6, MajorMerit),
            R(7, 7, Removal), R(10, 8, Merit), R(11, 9, Merit, reverses: 10),
        };
        var standing = Ladder.Standing(records, 2026);
        Assert.Equal(standing.Explanation, Lines(standing, "en"));
        Assert.All(Lines(standing, "en"), line => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", line));
    }
}
