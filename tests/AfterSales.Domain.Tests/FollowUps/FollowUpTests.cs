using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.FollowUps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.FollowUps;

public class FollowUpTests
{
    private static readonly WorkingCalendar China = ChinaPublicHolidays.Calendar;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);

    private static FollowUp Pending(string completedOn = "2026-03-02") =>
        FollowUp.ForCompletedRepair(1, 2, "tech-1", D(completedOn), China);

    [Theory]
    [InlineData("2026-03-02", "2026-03-03")] // Monday → Tuesday
    [InlineData("2026-03-06", "2026-03-09")] // Friday → Monday, over the weekend
    [InlineData("2026-03-07", "2026-03-09")] // Saturday → Monday
    [InlineData("2026-09-30", "2026-10-08")] // before National Day → after it
    [InlineData("2026-02-13", "2026-02-14")] // Friday → make-up Saturday before Spring Festival
    [InlineData("2026-04-03", "2026-04-07")] // Friday before Qingming (4–6 Apr)
    [InlineData("2026-12-31", "2027-01-04")] // New Year's Day, then a weekend
    public void A_completed_repair_is_due_for_a_call_the_next_working_day(string completed, string due)
    {
        var followUp = Pending(completed);

        Assert.Equal(D(due), followUp.DueOn);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Empty(followUp.Attempts);
    }

    [Fact]
    public void An_unanswered_call_is_due_again_the_next_working_day()
    {
        var followUp = Pending("2026-03-05");

        followUp.RecordNoAnswer(At(D("2026-03-06")), D("2026-03-06"), "desk1", China);

        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Equal(D("2026-03-09"), followUp.DueOn);
        var attempt = Assert.Single(followUp.Attempts);
        Assert.False(attempt.Reached);
        Assert.Equal("desk1", attempt.By);
    }

    [Fact]
    public void A_second_try_on_the_same_day_is_refused_and_changes_nothing()
    {
        var followUp = Pending();
        followUp.RecordNoAnswer(At(D("2026-03-03")), D("2026-03-03"), "desk1", China);

        var ex = Assert.Throws<DomainException>(() => followUp.RecordNoAnswer(At(D("2026-03-03")).AddHours(3), D("2026-03-03"), "desk2", China));

        Assert.Equal("followup.same_day", ex.Code);
        Assert.Single(followUp.Attempts);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
    }

    [Fact]
    public void The_third_unanswered_day_closes_the_call_as_unreachable()
    {
        var followUp = Pending();
        followUp.RecordNoAnswer(At(D("2026-03-03")), D("2026-03-03"), "desk1", China);
        followUp.RecordNoAnswer(At(D("2026-03-04")), D("2026-03-04"), "desk1", China);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);

        followUp.RecordNoAnswer(At(D("2026-03-05")), D("2026-03-05"), "desk2", China);

        Assert.Equal(FollowUpStatus.Unreachable, followUp.Status);
        Assert.Equal(3, followUp.Attempts.Count);
        Assert.Equal(At(D("2026-03-05")), followUp.DoneAt);
        Assert.Null(followUp.Score);
        Assert.False(followUp.CallsForComplaint);
        var ex = Assert.Throws<DomainException>(() => followUp.RecordNoAnswer(At(D("2026-03-06")), D("2026-03-06"), "desk1", China));
        Assert.Equal("followup.closed", ex.Code);
        ex = Assert.Throws<DomainException>(() => followUp.RecordReached(At(D("2026-03-06")), D("2026-03-06"), "desk1", Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, null));
        Assert.Equal("followup.closed", ex.Code);
    }

    [Fact]
    public void A_customer_reached_after_unanswered_days_is_done_with_scores()
    {
        var followUp = Pending();
        followUp.RecordNoAnswer(At(D("2026-03-03")), D("2026-03-03"), "desk1", China);
        followUp.RecordNoAnswer(At(D("2026-03-04")), D("2026-03-04"), "desk1", China);

        followUp.RecordReached(At(D("2026-03-05")), D("2026-03-05"), "desk1", Satisfaction.Excellent, Satisfaction.Good, Satisfaction.Average, Satisfaction.Good, "  师傅很专业  ");

        Assert.Equal(FollowUpStatus.Done, followUp.Status);
        Assert.Equal(3, followUp.Attempts.Count);
        Assert.True(followUp.Attempts[^1].Reached);
        Assert.Equal(3m, followUp.Score);
        Assert.Equal("师傅很专业", followUp.Comment);
        Assert.False(followUp.CallsForComplaint);
    }

    [Theory]
    [InlineData(Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, false)]
    [InlineData(Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Excellent, false)]
    [InlineData(Satisfaction.Average, Satisfaction.Average, Satisfaction.Average, Satisfaction.Average, false)] // exactly average
    [InlineData(Satisfaction.Average, Satisfaction.Average, Satisfaction.Average, Satisfaction.Good, false)]
    [InlineData(Satisfaction.Good, Satisfaction.Good, Satisfaction.Poor, Satisfaction.Good, true)] // any poor
    [InlineData(Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Poor, true)] // any poor, even with a high average
    [InlineData(Satisfaction.Poor, Satisfaction.Poor, Satisfaction.Poor, Satisfaction.Poor, true)]
    public void Any_poor_or_an_average_below_average_calls_for_a_complaint(Satisfaction attitude, Satisfaction competence, Satisfaction speed, Satisfaction result, bool complaint)
    {
        var followUp = Pending();

        followUp.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", attitude, competence, speed, result, null);

        Assert.Equal(complaint, followUp.CallsForComplaint);
    }

    [Property]
    public bool A_complaint_is_called_for_exactly_when_a_score_is_poor_or_the_mean_is_below_two(byte a, byte c, byte s, byte r)
    {
        var scores = new[] { a, c, s, r }.Select(x => (Satisfaction)((x % 4) + 1)).ToArray();
        var followUp = Pending();
        followUp.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", scores[0], scores[1], scores[2], scores[3], null);

        var mean = scores.Average(x => (decimal)(int)x);
        return followUp.Score == mean
            && followUp.CallsForComplaint == (scores.Contains(Satisfaction.Poor) || mean < 2m);
    }

    [Property]
    public Property Unanswered_calls_on_distinct_days_close_as_unreachable_on_the_third(PositiveInt first, PositiveInt gap1, PositiveInt gap2)
    {
        var start = D("2026-01-01");
        var day1 = start.AddDays(first.Get % 500);
        var day2 = day1.AddDays(1 + (gap1.Get % 30));
        var day3 = day2.AddDays(1 + (gap2.Get % 30));
        var followUp = FollowUp.ForCompletedRepair(1, 2, "tech-1", start, China);

        followUp.RecordNoAnswer(At(day1), day1, "desk1", China);
        var afterOne = followUp.Status == FollowUpStatus.Pending && followUp.DueOn > day1 && China.IsWorkingDay(followUp.DueOn);
        followUp.RecordNoAnswer(At(day2), day2, "desk1", China);
        var afterTwo = followUp.Status == FollowUpStatus.Pending && followUp.DueOn == China.NextWorkingDay(day2);
        followUp.RecordNoAnswer(At(day3), day3, "desk1", China);

        return (afterOne && afterTwo && followUp.Status == FollowUpStatus.Unreachable && followUp.Attempts.Count == 3).ToProperty();
    }

    [Property]
    public bool The_due_day_is_always_a_working_day_after_completion(PositiveInt offset)
    {
        var completed = D("2026-01-01").AddDays(offset.Get % 700);
        var due = FollowUp.ForCompletedRepair(1, 2, "tech-1", completed, China).DueOn;

        return due > completed && China.IsWorkingDay(due) && China.WorkingDaysBetween(completed, due) == 1;
    }

    [Fact]
    public void Scores_outside_the_scale_are_refused_and_nothing_is_recorded()
    {
        var followUp = Pending();

        var ex = Assert.Throws<DomainException>(() => followUp.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", Satisfaction.Good, (Satisfaction)0, Satisfaction.Good, Satisfaction.Good, null));

        Assert.Equal("followup.score_invalid", ex.Code);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Empty(followUp.Attempts);
    }

    [Fact]
    public void An_overlong_comment_is_refused_and_nothing_is_recorded()
    {
        var followUp = Pending();

        var ex = Assert.Throws<DomainException>(() => followUp.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, new string('差', FollowUp.CommentMaxLength + 1)));

        Assert.Equal("field.too_long", ex.Code);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Empty(followUp.Attempts);
        Assert.Null(followUp.Attitude);
    }

    [Fact]
    public void A_complaint_is_linked_once_when_the_call_calls_for_one()
    {
        var followUp = Pending();
        followUp.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", Satisfaction.Poor, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, "上门迟到");

        followUp.LinkComplaint(42);

        Assert.Equal(42, followUp.ComplaintTicketId);
        var ex = Assert.Throws<DomainException>(() => followUp.LinkComplaint(43));
        Assert.Equal("followup.complaint_already_linked", ex.Code);
        Assert.Equal(42, followUp.ComplaintTicketId);
    }

    [Fact]
    public void A_satisfied_or_pending_call_cannot_be_linked_to_a_complaint()
    {
        var pending = Pending();
        Assert.Equal("followup.no_complaint", Assert.Throws<DomainException>(() => pending.LinkComplaint(42)).Code);

        var satisfied = Pending();
        satisfied.RecordReached(At(D("2026-03-03")), D("2026-03-03"), "desk1", Satisfaction.Good, Satisfaction.Good, Satisfaction.Average, Satisfaction.Good, null);
        Assert.Equal("followup.no_complaint", Assert.Throws<DomainException>(() => satisfied.LinkComplaint(42)).Code);
        Assert.Null(satisfied.ComplaintTicketId);
    }

    [Fact]
    public void A_call_without_a_caller_name_is_refused()
    {
        var followUp = Pending();

        var ex = Assert.Throws<DomainException>(() => followUp.RecordNoAnswer(At(D("2026-03-03")), D("2026-03-03"), " ", China));

        Assert.Equal("field.required", ex.Code);
        Assert.Empty(followUp.Attempts);
    }
}
