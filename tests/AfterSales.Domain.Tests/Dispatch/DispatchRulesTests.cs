using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tests.Tickets;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Dispatch;

public sealed class DispatchRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static RotationCandidate Tech(string id, int position, int openJobs = 0) =>
        new(id, id.ToUpperInvariant(), position, new HashSet<string>(["AC"], StringComparer.Ordinal), false, false, openJobs, 3);

    private static readonly RotationCandidate[] Candidates = [Tech("t1", 1), Tech("t2", 2), Tech("t3", 3, openJobs: 3)];

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void An_appointment_today_or_later_is_accepted_and_yesterday_refused()
    {
        DispatchRules.EnsureAppointmentNotPast(Today, Today);
        Assert.Equal("dispatch.date_past", Code(() => DispatchRules.EnsureAppointmentNotPast(Today.AddDays(-1), Today)));
    }

    [Fact]
    public void A_missing_ticket_or_skill_is_refused()
    {
        Assert.Equal("dispatch.ticket_not_found", Code(() => DispatchRules.Found(null)));
        Assert.Equal("rotation.skill_required", Code(() => DispatchRules.SkillRequired(null)));
        Assert.Equal("AC", DispatchRules.SkillRequired("AC"));
    }

    [Fact]
    public void A_ticket_is_dispatched_once_while_it_waits_and_only_as_the_dispatcher_saw_it()
    {
        var ticket = TicketBuilder.NewTicket();
        DispatchRules.EnsureDispatchable(ticket, hasOpenWorkOrder: false, expectedVersion: null);
        DispatchRules.EnsureDispatchable(ticket, hasOpenWorkOrder: false, expectedVersion: ticket.Version);
        Assert.Equal("dispatch.already_dispatched", Code(() => DispatchRules.EnsureDispatchable(ticket, hasOpenWorkOrder: true, expectedVersion: null)));
        Assert.Equal("dispatch.ticket_changed", Code(() => DispatchRules.EnsureDispatchable(ticket, hasOpenWorkOrder: false, expectedVersion: ticket.Version + 1)));
        Assert.Equal("dispatch.not_dispatchable", Code(() => DispatchRules.EnsureDispatchable(TicketBuilder.InStatus(TicketStatus.Cancelled), hasOpenWorkOrder: false, expectedVersion: null)));
    }

    [Fact]
    public void The_suggestion_is_taken_when_nobody_is_asked_for()
    {
        var suggestion = FairRotation.Suggest(Candidates, 0, "AC");
        Assert.Equal("t1", DispatchRules.Choose(suggestion, Candidates, "AC", null, "t1", null).TechnicianId);
        Assert.Equal("t1", DispatchRules.Choose(suggestion, Candidates, "AC", " ", null, null).TechnicianId);
    }

    [Fact]
    public void Someone_else_needs_a_reason_and_must_be_a_candidate()
    {
        var suggestion = FairRotation.Suggest(Candidates, 0, "AC");
        Assert.Equal("dispatch.override_reason_required", Code(() => DispatchRules.Choose(suggestion, Candidates, "AC", "t2", "t1", null)));
        Assert.Equal("t2", DispatchRules.Choose(suggestion, Candidates, "AC", "t2", "t1", "客户指定").TechnicianId);
        Assert.Equal("dispatch.at_limit_reason_required", Code(() => DispatchRules.Choose(suggestion, Candidates, "AC", "t3", "t1", null)));
        Assert.Equal("dispatch.unknown_technician", Code(() => DispatchRules.Choose(suggestion, Candidates, "AC", "nobody", "t1", "原因")));
    }

    [Fact]
    public void Following_a_suggestion_the_rotation_has_moved_past_is_refused()
    {
        // The dispatcher saw t1 suggested; meanwhile another dispatch took t1's turn and the suggestion is now t2.
        var moved = FairRotation.Suggest(Candidates, 1, "AC");
        Assert.Equal("t2", moved.Chosen!.TechnicianId);
        Assert.Equal("dispatch.suggestion_changed", Code(() => DispatchRules.Choose(moved, Candidates, "AC", "t1", "t1", null)));
    }

    [Fact]
    public void Nobody_free_is_refused()
    {
        var none = FairRotation.Suggest([Tech("t9", 9, openJobs: 3)], 0, "AC");
        Assert.Null(none.Chosen);
        Assert.Equal("dispatch.nobody_available", Code(() => DispatchRules.Choose(none, [Tech("t9", 9, openJobs: 3)], "AC", null, null, null)));
    }
}
