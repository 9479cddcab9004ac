using System.Globalization;
using System.Text.RegularExpressions;

namespace AfterSales.Web.Infrastructure.Disciplining;

/// <summary>
/// Puts the ladder's explanation lines (English, fixed patterns in <c>Ladder</c>) into Chinese, piece by piece:
/// "2 demerits from April + 1 from May → 1 major demerit; offset by the major merit of June → net 0" becomes
/// "4 月 2 次记过 + 5 月 1 次记过 → 折合 1 次记大过；被 6 月的记大功抵消 → 相抵为 0". A line that matches no
/// pattern is shown as the domain wrote it.
/// </summary>
public static partial class ExplanationZh
{
    private const string Levels = "major merits?|major demerits?|commendations?|merits?|warnings?|demerits?|removals? from post|dismissals?";
    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December";

    public static string Translate(string line)
    {
        var text = line;
        text = StandingLine().Replace(text, m => $"{m.Groups[1].Value} 年度结果：{Counts(m.Groups[2].Value)}；得分 {m.Groups[3].Value}。");
        text = ReversalLine().Replace(text, m => $"{Date(m.Groups[2].Value, m.Groups[3].Value)}的{Level(m.Groups[1].Value)}（记录 #{m.Groups[4].Value}）已被记录 #{m.Groups[5].Value} 撤销，不计入。");
        text = AlertLine().Replace(text, m => $"{Date(m.Groups[2].Value, m.Groups[3].Value)}{Level(m.Groups[1].Value)}：不计分，已提醒管理人员。");
        text = ThresholdLine().Replace(text, m => $"{m.Groups[1].Value} 次记大过 → 达到解雇界限（由管理人员决定）。");

        // Pieces of offsetting and conversion lines.
        text = Group().Replace(text, m =>
        {
            var level = Level(m.Groups[2].Value);
            var first = $"{MonthNumber(m.Groups[3].Value)} 月 {m.Groups[1].Value} 次{level}";
            var more = MoreGroup().Matches(m.Groups[4].Value).Select(x => $" + {MonthNumber(x.Groups[2].Value)} 月 {x.Groups[1].Value} 次{level}");
            return first + string.Concat(more);
        });
        text = OffsetBy().Replace(text, m => $"；被 {MonthNumber(m.Groups[2].Value)} 月的{Level(m.Groups[1].Value)}抵消");
        text = OffsetsThe().Replace(text, m => $"；抵消 {MonthNumber(m.Groups[2].Value)} 月的{Level(m.Groups[1].Value)}");
        text = ConvertsTo().Replace(text, m => $"→ 折合 1 次{Level(m.Groups[1].Value)}");
        text = text.Replace(" offsets ", " 抵消 ", StringComparison.Ordinal).Replace(" offset ", " 抵消 ", StringComparison.Ordinal).Replace("→ net 0", "→ 相抵为 0", StringComparison.Ordinal);
        return text;
    }

    public static string Level(string english) => english.TrimEnd('s') switch
    {
        "commendation" => "嘉奖",
        "merit" => "记功",
        "major merit" => "记大功",
        "warning" => "警告",
        "demerit" => "记过",
        "major demerit" => "记大过",
        "removal from post" or "removals from post" or "Removal from post" => "解职",
        "dismissal" or "Dismissal" => "解雇",
        _ => english,
    };

    private static string Counts(string english) => english == "nothing remains"
        ? "无"
        : string.Join("，", english.Split(", ").Select(part =>
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? part : $"{part[..space]} 次{Level(part[(space + 1)..])}";
        }));

    private static int MonthNumber(string name) => DateTime.ParseExact(name, "MMMM", CultureInfo.InvariantCulture).Month;

    private static string Date(string day, string month) => $"{MonthNumber(month)} 月 {day} 日";

    [GeneratedRegex(@"^Standing for (\d{4}): (.+); score ([+\-]?\d+)\.$")]
    private static partial Regex StandingLine();

    [GeneratedRegex(@"^The (" + Levels + @") of (\d{1,2}) (" + Months + @") \(record #(\d+)\) is reversed by record #(\d+) and does not count\.$")]
    private static partial Regex ReversalLine();

    [GeneratedRegex(@"^(Removal from post|Dismissal) on (\d{1,2}) (" + Months + @"): no points; raised as an alert\.$")]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^(\d+) major demerits → dismissal threshold reached \(for a manager to decide\)\.$")]
    private static partial Regex ThresholdLine();

    [GeneratedRegex(@"(\d+) (" + Levels + @") from (" + Months + @")((?: \+ \d+ from (?:" + Months + "))*)")]
    private static partial Regex Group();

    [GeneratedRegex(@"(\d+) from (" + Months + ")")]
    private static partial Regex MoreGroup();

    [GeneratedRegex(@"; offset by the (" + Levels + @") of (" + Months + ")")]
    private static partial Regex OffsetBy();

    [GeneratedRegex(@"; offsets the (" + Levels + @") of (" + Months + ")")]
    private static partial Regex OffsetsThe();

    [GeneratedRegex(@"→ 1 (" + Levels + ")")]
    private static partial Regex ConvertsTo();
}
