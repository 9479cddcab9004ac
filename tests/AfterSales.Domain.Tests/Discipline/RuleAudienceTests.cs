using AfterSales.Domain.Discipline;
using static AfterSales.Domain.Discipline.RuleAudience;

namespace AfterSales.Domain.Tests.Discipline;

/// <summary>
/// Part 3 is 售后服务顾问奖惩制度 ("服务顾问接车…"): its items apply to service advisors. Part 5 第四条: "本实施细则适用于
/// 售后服务中心零配件营业部门及人员、维修部门及人员的业务工作奖惩" — the service centre's parts sales and repair staff.
/// </summary>
public sealed class RuleAudienceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static DisciplineRule Rule(string article, RuleAudience audience) =>
        new(article, "条文", "text", audience, RuleKind.Penalty, null, -20m);

    public static TheoryData<string, RuleAudience, string[], bool> Cases => new()
    {
        // Part 3: service advisors only, whatever the catalog says.
        { "P3-2.1", ServiceAdvisor, ["Desk"], true },
        { "P3-2.1", ServiceAdvisor, ["Dispatcher"], true },
        { "P3-2.1", ServiceAdvisor, ["Technician"], false },
        { "P3-2.6", AllStaff, ["Technician"], false },
        { "P3-1.3", AllStaff, ["Quality"], false },
        { "P3-2.6", AllStaff, ["Desk"], true },

        // Part 5: the service centre's repair and sales staff (and their supervisors).
        { "P5-37", Repair, ["Technician"], true },
        { "P5-37", Repair, ["Desk"], false },
        { "P5-37", Repair, ["Dispatcher"], true },
        { "P5-26a", AllStaff, ["Technician"], true },
        { "P5-26a", AllStaff, ["Manager"], true },
        { "P5-26a", AllStaff, ["Desk"], false },
        { "P5-26a", AllStaff, ["Admin"], false },
        { "P5-24a", Sales, ["Technician"], false },
        { "P5-24a", Sales, ["Manager"], true },

        // Other parts: as the article says.
        { "P14-4", AllStaff, ["Quality"], true },
        { "P14-4", AllStaff, [], true },
        { "X-1", Repair, ["Desk"], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Part_three_applies_to_service_advisors_and_part_five_to_service_centre_staff(string article, RuleAudience audience, string[] roles, bool applies) =>
        Assert.Equal(applies, RuleAudiences.AppliesTo(Rule(article, audience), RuleAudiences.Of(roles)));

    [Fact]
    public void A_record_under_a_rule_outside_the_employees_audience_is_refused_with_a_coded_message()
    {
        var error = Assert.Throws<DomainException>(() =>
            DisciplineRecord.Propose("tech-1", Rule("P3-2.1", ServiceAdvisor), Day, "未戴工牌", [], "manager-a", At, employeeAudiences: RuleAudiences.Of(["Technician"])));

        Assert.Equal("record.rule_audience", error.Code);
        Assert.Equal(["P3-2.1"], error.Args);
    }

    [Fact]
    public void A_record_under_a_rule_of_the_employees_audience_is_proposed()
    {
        var record = DisciplineRecord.Propose("desk-1", Rule("P3-2.1", ServiceAdvisor), Day, "未戴工牌", [], "manager-a", At, employeeAudiences: RuleAudiences.Of(["Desk"]));

        Assert.Equal(RecordStatus.Proposed, record.Status);
    }

    [Theory]
    [InlineData("P3-2.12", 3)]
    [InlineData("P5-32a", 5)]
    [InlineData("P14-4", 14)]
    [InlineData("X-1", null)]
    [InlineData("P-1", null)]
    public void The_part_is_read_from_the_article(string article, int? part) =>
        Assert.Equal(part, RuleAudiences.Part(article));
}
