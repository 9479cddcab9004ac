using AfterSales.Domain.Discipline;

namespace AfterSales.Domain.Tests.Discipline;

public sealed class RecordPredicatesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static DisciplineRule Demerit() => new("P5-37", "未按规定建立维修档案", "Repair records not kept", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m);

    /// <summary>A record brought to <paramref name="status"/> through the domain's own steps.</summary>
    private static DisciplineRecord InStatus(RecordStatus status)
    {
        var record = DisciplineRecord.Propose("tech-1", Demerit(), Day, "证据", [], "manager-a", At);
        switch (status)
        {
            case RecordStatus.Proposed:
                break;
            case RecordStatus.Rejected:
                record.Reject("manager-b", At, "不成立");
                break;
            default:
                record.Approve("manager-b", At);
                if (status != RecordStatus.Approved)
                {
                    record.Appeal("tech-1", "不服", At);
                    if (status != RecordStatus.Appealed)
                    {
                        record.DecideAppeal(status == RecordStatus.Upheld, "manager-c", At, "复核");
                    }
                }

                break;
        }

        Assert.Equal(status, record.Status);
        return record;
    }

    [Theory]
    [InlineData(RecordStatus.Proposed, false, true)]
    [InlineData(RecordStatus.Approved, true, true)]
    [InlineData(RecordStatus.Rejected, false, false)]
    [InlineData(RecordStatus.Appealed, false, true)]
    [InlineData(RecordStatus.Upheld, true, true)]
    [InlineData(RecordStatus.Overturned, false, false)]
    public void A_record_counts_when_approved_or_upheld_and_lives_until_rejected_or_overturned(RecordStatus status, bool counting, bool live)
    {
        var record = InStatus(status);
        Assert.Equal(counting, RecordPredicates.Counts(record));
        Assert.Equal(counting, record.Counts);
        Assert.Equal(counting, RecordPredicates.Counting.Compile()(record));
        Assert.Equal(live, RecordPredicates.IsLive(record));
        Assert.False(RecordPredicates.IsLiveReversal(record));
    }

    [Fact]
    public void A_reversal_is_live_until_it_is_rejected()
    {
        var original = InStatus(RecordStatus.Approved);
        var reversal = original.Reverse("记录有误", "manager-a", At, Day);
        Assert.True(RecordPredicates.IsLiveReversal(reversal));
        reversal.Reject("manager-b", At, "原记录无误");
        Assert.False(RecordPredicates.IsLiveReversal(reversal));
    }

    [Fact]
    public void Queries_filter_the_same_records_as_the_predicates_in_memory()
    {
        var records = Enum.GetValues<RecordStatus>().Select(InStatus).ToList();
        Assert.Equal(
            records.Where(RecordPredicates.Counts).Select(r => r.Status),
            records.AsQueryable().Where(RecordPredicates.Counting).Select(r => r.Status));
        Assert.Equal(
            [RecordStatus.Proposed, RecordStatus.Approved, RecordStatus.Appealed, RecordStatus.Upheld],
            records.AsQueryable().Where(RecordPredicates.Live).Select(r => r.Status));
    }
}
