using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.FollowUps;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Discipline;

/// <summary>Records and field-work events for the reward and penalty tests, built through the domain.</summary>
public static class ProposalData
{
    public static string V(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static Task<string> UserIdAsync(AppFixture app, string userName) => FollowUpData.UserIdAsync(app, userName);

    public static async Task<DisciplineRule> RuleAsync(AppFixture app, string article)
    {
        await using var db = app.NewDbContext();
        return await db.DisciplineRules.AsNoTracking().SingleAsync(r => r.Article == article);
    }

    /// <summary>A record proposed by <paramref name="proposer"/> and, unless null, approved by <paramref name="decider"/>.</summary>
    public static async Task<DisciplineRecord> RecordAsync(AppFixture app, string employee, string article, DateOnly factDate, string proposer = "manager1", string? decider = "manager2", string evidence = "现场检查记录")
    {
        await using var db = app.NewDbContext();
        var rule = await db.DisciplineRules.SingleAsync(r => r.Article == article);
        var record = DisciplineRecord.Propose(await UserIdAsync(app, employee), rule, factDate, evidence, [], await UserIdAsync(app, proposer), DateTimeOffset.UtcNow);
        if (decider is not null)
        {
            record.Approve(await UserIdAsync(app, decider), DateTimeOffset.UtcNow);
        }

        db.DisciplineRecords.Add(record);
        await db.SaveChangesAsync();
        return record;
    }

    public static async Task<DisciplineRecord> ReloadAsync(AppFixture app, long id)
    {
        await using var db = app.NewDbContext();
        return await db.DisciplineRecords.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    /// <summary>An open work order whose 7-working-day parts clock started <paramref name="acceptedDaysAgo"/> days ago.</summary>
    public static async Task<WorkOrder> OverdueWorkOrderAsync(AppFixture app, string technicianId, string serial, string phone, int acceptedDaysAgo = 30)
    {
        await using var db = app.NewDbContext();
        var now = DateTimeOffset.UtcNow;
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "李先生", phone, serial, TestData.Today.AddMonths(-3));
        var ticket = await TestData.TicketAsync(db, customer, unit, "冰箱不制冷", at: now.AddDays(-acceptedDaysAgo - 1));
        var workOrder = WorkOrder.Create(ticket.Id, technicianId, TestData.Today.AddDays(-acceptedDaysAgo), TimeSlot.Morning, now.AddDays(-acceptedDaysAgo), "dispatch1");
        workOrder.Accept(now.AddDays(-acceptedDaysAgo));
        workOrder.Arrive(now.AddDays(-acceptedDaysAgo), unitComplete: true, null);
        workOrder.Diagnose("压缩机故障，需订配件", humanDamage: false, now.AddDays(-acceptedDaysAgo));
        workOrder.StartPartsClock(TestData.Today.AddDays(-acceptedDaysAgo), FollowUpData.Calendar);
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
        return workOrder;
    }

    /// <summary>A work order completed <paramref name="completedDaysAgo"/> days ago, handed in <paramref name="handedInDaysAgo"/> days ago (null: not yet).</summary>
    public static async Task<WorkOrder> CompletedWorkOrderAsync(AppFixture app, string technicianId, string serial, string phone, int completedDaysAgo, int? handedInDaysAgo)
    {
        await using var db = app.NewDbContext();
        var now = DateTimeOffset.UtcNow;
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "赵女士", phone, serial, TestData.Today.AddMonths(-3));
        var ticket = await TestData.TicketAsync(db, customer, unit, "洗衣机漏水", at: now.AddDays(-completedDaysAgo - 1));
        var at = now.AddDays(-completedDaysAgo);
        var workOrder = WorkOrder.Create(ticket.Id, technicianId, TestData.Today.AddDays(-completedDaysAgo), TimeSlot.Morning, at.AddHours(-3), "dispatch1");
        workOrder.Accept(at.AddHours(-2));
        workOrder.Arrive(at.AddHours(-1), unitComplete: true, null);
        workOrder.Diagnose("进水阀老化", humanDamage: false, at.AddMinutes(-30));
        workOrder.RecordLabour(2m, 80m, 0m, null);
        workOrder.Complete("赵女士", FollowUpData.Signature(), null, at);
        if (handedInDaysAgo is { } days)
        {
            workOrder.HandIn(now.AddDays(-days), "desk1");
        }

        workOrder.ClearDomainEvents(); // history as built: the ticket stays as it is, no follow-up call is added
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
        return workOrder;
    }

    /// <summary>A work order that sold <paramref name="extras"/> on site (description, charge, material cost), completed and, unless null, handed in at the given instants.</summary>
    public static async Task<WorkOrder> SoldWorkOrderAsync(AppFixture app, string technicianId, string serial, string phone, DateTimeOffset completedAt, DateTimeOffset? handedInAt, params (string Service, decimal Charge, decimal Cost)[] extras)
    {
        await using var db = app.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "钱先生", phone, serial, TestData.Today.AddMonths(-3));
        var ticket = await TestData.TicketAsync(db, customer, unit, "热水器打不着火", at: completedAt.AddDays(-1));
        var workOrder = WorkOrder.Create(ticket.Id, technicianId, DateOnly.FromDateTime(completedAt.ToOffset(TimeSpan.FromHours(8)).DateTime), TimeSlot.Morning, completedAt.AddHours(-3), "dispatch1");
        workOrder.Accept(completedAt.AddHours(-2));
        workOrder.Arrive(completedAt.AddHours(-1), unitComplete: true, null);
        workOrder.Diagnose("点火针积碳", humanDamage: false, completedAt.AddMinutes(-30));
        workOrder.RecordLabour(1m, 80m, 0m, null);
        foreach (var (service, charge, cost) in extras)
        {
            workOrder.AddExtraService(service, charge, cost);
        }

        workOrder.Complete("钱先生", FollowUpData.Signature(), null, completedAt);
        if (handedInAt is { } handed)
        {
            workOrder.HandIn(handed, "desk1");
        }

        workOrder.ClearDomainEvents(); // history as built: the ticket stays as it is, no follow-up call is added
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
        return workOrder;
    }
}
