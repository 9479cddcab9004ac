using AfterSales.Domain;
using AfterSales.Domain.Discipline;

namespace AfterSales.Domain.Tests.Discipline;

public sealed class DisciplineRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static DisciplineRule Demerit() => new("P5-37", "未按规定建立维修档案", "Repair records not kept", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m);

    private static DisciplineRecord Proposed(string by = "manager-a") =>
        DisciplineRecord.Propose("tech-1", Demerit(), Day, "工单 WO-1 无维修记录", [new EvidenceLink("WorkOrder", 1, "WO-1")], by, At);

    [Fact]
    public void A_record_copies_the_rule_as_applied()
    {
        var rule = Demerit();
        var record = DisciplineRecord.Propose("tech-1", rule, Day, "证据", [], "manager-a", At);
        rule.Update("改过的文字", "changed", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.MajorDemerit, 0m, RuleTrigger.None, null, true);
        Assert.Equal("未按规定建立维修档案", record.RuleText);
        Assert.Equal(DisciplineLevel.Demerit, record.Level);
        Assert.Equal(-3, record.Points);
    }

    [Fact]
    public void The_one_who_proposes_never_approves()
    {
        var record = Proposed();
        var error = Assert.Throws<DomainException>(() => record.Approve("manager-a", At));
        Assert.Equal("record.segregation", error.Code);
        Assert.Equal(RecordStatus.Proposed, record.Status);
        record.Approve("manager-b", At);
        Assert.True(record.Counts);
    }

    [Fact]
    public void Nobody_decides_a_record_about_themselves()
    {
        var record = Proposed();
        Assert.Equal("record.own_record", Assert.Throws<DomainException>(() => record.Approve("tech-1", At)).Code);
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        var record = Proposed();
        Assert.Equal("record.reject_reason", Assert.Throws<DomainException>(() => record.Reject("manager-b", At, " ")).Code);
        record.Reject("manager-b", At, "证据不足");
        Assert.False(record.Counts);
        Assert.Null(record.ToLadder());
    }

    [Fact]
    public void An_approved_record_is_appealed_once_by_the_employee_and_a_manager_decides()
    {
        var record = Proposed();
        record.Approve("manager-b", At);
        Assert.Equal("record.appeal_not_own", Assert.Throws<DomainException>(() => record.Appeal("tech-2", "不是我", At)).Code);
        Assert.Equal("record.appeal_reversed", Assert.Throws<DomainException>(() => record.Appeal("tech-1", "已冲销", At, reversed: true)).Code);
        Assert.Equal(RecordStatus.Approved, record.Status);
        record.Appeal("tech-1", "当天系统故障无法录入", At);
        Assert.False(record.Counts);
        Assert.Equal("record.appeal_not_allowed", Assert.Throws<DomainException>(() => record.Appeal("tech-1", "再次申诉", At)).Code);
        record.DecideAppeal(upheld: false, "manager-c", At, "核实系统故障属实");
        Assert.Equal(RecordStatus.Overturned, record.Status);
        Assert.False(record.Counts);
        Assert.Equal("record.no_appeal", Assert.Throws<DomainException>(() => record.DecideAppeal(true, "manager-c", At, "x")).Code);
    }

    [Fact]
    public void A_correction_reverses_an_approved_record_and_is_decided_like_any_other()
    {
        var record = Proposed();
        Assert.Equal("record.reverse_not_counting", Assert.Throws<DomainException>(() => record.Reverse("录错人", "manager-b", At, Day)).Code);
        record.Approve("manager-b", At);
        var reversal = record.Reverse("录错人", "manager-b", At, Day);
        Assert.Equal(RecordStatus.Proposed, reversal.Status);
        Assert.Equal(3, reversal.Points);
        Assert.Equal(record.Id, reversal.ReversesRecordId);
        Assert.Equal("record.reverse_reversal", Assert.Throws<DomainException>(() =>
        {
            reversal.Approve("manager-c", At);
            reversal.Reverse("again", "manager-c", At, Day);
        }).Code);
    }

    [Theory]
    [InlineData(RuleKind.Reward, DisciplineLevel.Demerit, 0, "rule.level_kind_mismatch")]
    [InlineData(RuleKind.Penalty, DisciplineLevel.Merit, 0, "rule.level_kind_mismatch")]
    [InlineData(RuleKind.Reward, null, -50, "rule.cash_sign")]
    [InlineData(RuleKind.Penalty, null, 30, "rule.cash_sign")]
    [InlineData(RuleKind.Penalty, null, 0, "rule.empty")]
    public void A_rule_refuses_inconsistent_terms(RuleKind kind, DisciplineLevel? level, int cash, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => new DisciplineRule("X-1", "文字", "text", RuleAudience.AllStaff, kind, level, cash)).Code);

    [Fact]
    public void Hour_triggers_need_a_threshold_and_points_follow_the_level()
    {
        Assert.Equal("rule.threshold", Assert.Throws<DomainException>(() =>
            new DisciplineRule("P5-36a", "上半年实际工时未达定额 70%", "Half-year hours below 70%", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m, RuleTrigger.HalfYearHours)).Code);
        var rule = new DisciplineRule("P5-32c", "超越工时定额 50% 以上", "Quota exceeded by 50%+", RuleAudience.Repair, RuleKind.Reward, DisciplineLevel.MajorMerit, 0m, RuleTrigger.YearHours, 1.5m);
        Assert.Equal(9, rule.Points);
    }

    [Theory]
    [InlineData("manager-b", false, true)]
    [InlineData("manager-a", false, false)]
    [InlineData("tech-1", false, false)]
    [InlineData("manager-b", true, true)]
    [InlineData("manager-a", true, true)]
    [InlineData("tech-1", true, false)]
    public void Who_may_decide_is_the_same_in_the_queue_and_on_the_record(string user, bool appealed, bool awaits)
    {
        var record = Proposed();
        if (appealed)
        {
            record.Approve("manager-c", At);
            record.Appeal("tech-1", "不是我", At);
        }

        Assert.Equal(awaits, DisciplineRecord.AwaitingDecisionBy(user).Compile()(record));
        Assert.Equal(awaits && !appealed, record.MayBeDecidedBy(user));
        Assert.Equal(awaits && appealed, record.MayAppealBeDecidedBy(user));
        if (awaits && !appealed)
        {
            record.Approve(user, At);
        }
        else if (!appealed)
        {
            Assert.Throws<DomainException>(() => record.Approve(user, At));
        }
        else if (awaits)
        {
            record.DecideAppeal(true, user, At, "维持");
        }
        else
        {
            Assert.Throws<DomainException>(() => record.DecideAppeal(true, user, At, "维持"));
        }
    }

    [Fact]
    public void A_decided_record_awaits_nobody()
    {
        var record = Proposed();
        record.Reject("manager-b", At, "证据不足");
        Assert.False(DisciplineRecord.AwaitingDecisionBy("manager-c").Compile()(record));
        Assert.False(record.MayBeDecidedBy("manager-c"));
    }
}
