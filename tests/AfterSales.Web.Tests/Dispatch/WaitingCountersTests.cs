using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>
/// The counters behind the board's and the dashboard's totals (WaitingCounters) equal a full count after every
/// kind of write: single and multi-row statements on tickets and work orders, in either order, urgency changes,
/// cancellations, completions, deletes, and the app's own dispatch.
/// </summary>
public sealed class WaitingCountersTests(AppFixture app) : AppTest(app)
{
    private sealed record Count(string Urgency, long N);

    private sealed record CategoryCount(string Urgency, long CategoryId, long N);

    private async Task AssertCountersAreTrueAsync(string step)
    {
        await using var db = App.NewDbContext();
        var counted = await db.Database.SqlQueryRaw<Count>(
                """
                SELECT t.urgency AS "Urgency", count(*) AS "N" FROM tickets t
                WHERE t.status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND t.service_mode <> 'PhoneFix'
                  AND t.kind IN ('Repair', 'Installation', 'Exchange', 'Complaint')
                  AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed')
                GROUP BY t.urgency
                """)
            .ToDictionaryAsync(c => Enum.Parse<Urgency>(c.Urgency), c => (int)c.N);
        var (waiting, open) = await WaitingCounters.ReadAsync(db, null, CancellationToken.None);
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            Assert.True(counted.GetValueOrDefault(urgency) == waiting[urgency], $"{step}: {urgency} counted {counted.GetValueOrDefault(urgency)}, counter {waiting[urgency]}");
        }

        // Per urgency and product category (the board narrowed to one category).
        var byCategory = await db.Database.SqlQueryRaw<CategoryCount>(
                """
                SELECT t.urgency AS "Urgency", m.category_id AS category_id, count(*) AS "N" FROM tickets t JOIN product_models m ON m.id = t.product_model_id
                WHERE t.status IN ('New', 'AwaitingQuote', 'Quoted', 'Consented') AND t.service_mode <> 'PhoneFix'
                  AND t.kind IN ('Repair', 'Installation', 'Exchange', 'Complaint')
                  AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = t.id AND w.status <> 'Completed')
                GROUP BY t.urgency, m.category_id
                """)
            .ToListAsync();
        foreach (var category in await db.ProductCategories.Select(c => c.Id).ToListAsync())
        {
            var (inCategory, _) = await WaitingCounters.ReadAsync(db, category, CancellationToken.None);
            foreach (var urgency in Enum.GetValues<Urgency>())
            {
                var expected = byCategory.Where(c => c.CategoryId == category && c.Urgency == urgency.ToString()).Sum(c => c.N);
                Assert.True(expected == inCategory[urgency], $"{step}: category {category}, {urgency} counted {expected}, counter {inCategory[urgency]}");
            }
        }

        Assert.True(await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed) == open, step + ": open work orders");
        var clock = App.Factory.Services.GetRequiredService<CompanyClock>();
        var since = clock.StartOfDay(clock.Today);
        var todayCount = await db.Database.SqlQuery<long>($"SELECT coalesce(sum(n), 0)::bigint AS \"Value\" FROM ticket_intake_counts WHERE quarter >= {since}").SingleAsync();
        Assert.True(await db.Tickets.LongCountAsync(t => t.CreatedAt >= since) == todayCount, step + ": tickets today");
    }

    [Fact]
    public async Task Two_calls_logged_at_the_same_moment_do_not_wait_for_each_other_on_counters_or_numbers()
    {
        await using var setup = App.NewDbContext();
        var (first, firstUnit) = await TestData.CustomerWithUnitAsync(setup, "并发一", "13800003301", "SN-STRIPE-1", TestData.Today.AddYears(-1));
        var (second, secondUnit) = await TestData.CustomerWithUnitAsync(setup, "并发二", "13800003302", "SN-STRIPE-2", TestData.Today.AddYears(-1));
        _ = await TicketNumbers.NextAsync(setup, TestData.Today, CancellationToken.None); // the day's base exists

        await using var a = App.NewDbContext();
        await using var b = App.NewDbContext();
        await a.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transactionA = await a.Database.BeginTransactionAsync();
            var ticketA = await TestData.TicketAsync(a, first, firstUnit, urgency: Urgency.High);
            var stripeA = await StripeAsync(a);

            // While the first call's transaction is still open, the second one logs its call and takes its number
            // without waiting for any lock the first one holds (on counter rows other than the first one's: the
            // row is picked by transaction id, so a transaction that drew the same row starts again).
            await b.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                var transactionB = await b.Database.BeginTransactionAsync();
                for (var tries = 0; await StripeAsync(b) == stripeA && tries < 10; tries++)
                {
                    await transactionB.RollbackAsync();
                    await transactionB.DisposeAsync();
                    transactionB = await b.Database.BeginTransactionAsync();
                }

                await using (transactionB)
                {
                    await b.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '2s'");
                    var ticketB = await TestData.TicketAsync(b, second, secondUnit, urgency: Urgency.High);
                    await transactionB.CommitAsync();
                    Assert.NotEqual(ticketA.Number, ticketB.Number);
                }
            });
            await transactionA.CommitAsync();
        });
        await AssertCountersAreTrueAsync("two calls at once");
    }

    private static async Task<int> StripeAsync(AfterSalesDbContext db) =>
        await db.Database.SqlQuery<int>($"SELECT counter_stripe()::int AS \"Value\"").SingleAsync();

    [Fact]
    public async Task Waiting_and_open_counters_stay_equal_to_a_full_count_through_every_kind_of_write()
    {
        await AssertCountersAreTrueAsync("start");
        await using var db = App.NewDbContext();
        var template = await DispatchData.AcTicketAsync(db);
        await AssertCountersAreTrueAsync("one ticket through the domain");

        // 120 copies in one statement: mixed urgency, kind, mode and state.
        await Bulk.CloneAsync(App, "tickets", template.Id, 120, new Dictionary<string, string>
        {
            ["number"] = "'SR-WC-' || lpad(g::text, 5, '0')",
            ["intake_key"] = "null",
            ["created_at"] = "now() - make_interval(mins => g * 37)",
            ["urgency"] = "(array['Emergency','High','Normal','Low'])[1 + g % 4]",
            ["kind"] = "case when g % 9 = 0 then 'Consultation' else 'Repair' end",
            ["service_mode"] = "case when g % 11 = 0 then 'PhoneFix' else t.service_mode end",
            ["status"] = "case when g % 13 = 0 then 'Closed' when g % 5 = 0 then 'Quoted' else 'New' end",
        });
        await AssertCountersAreTrueAsync("bulk insert");

        var ids = await db.Tickets.Where(t => t.Number.StartsWith("SR-WC-")).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();

        // Work orders first, then the tickets' states (the app's order), and the other way round.
        await DispatchData.OpenWorkOrdersAsync(db, ids.Take(20).ToList());
        await AssertCountersAreTrueAsync("open work orders inserted");
        await db.Tickets.Where(t => ids.Take(20).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Assigned));
        await AssertCountersAreTrueAsync("tickets assigned");
        await db.Tickets.Where(t => ids.Skip(20).Take(10).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Assigned));
        await DispatchData.OpenWorkOrdersAsync(db, ids.Skip(20).Take(10).ToList());
        await AssertCountersAreTrueAsync("assigned, then work orders");

        // Two open work orders on one ticket in one statement, then one of them completed, then the other.
        var twice = ids[40];
        await DispatchData.OpenWorkOrdersAsync(db, [twice, twice]);
        await AssertCountersAreTrueAsync("two work orders on one ticket");
        var theirs = await db.WorkOrders.Where(w => w.TicketId == twice).Select(w => w.Id).ToListAsync();
        await db.WorkOrders.Where(w => w.Id == theirs[0]).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkOrderStatus.Completed));
        await AssertCountersAreTrueAsync("one of two completed");
        await db.WorkOrders.Where(w => w.Id == theirs[1]).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkOrderStatus.Completed));
        await AssertCountersAreTrueAsync("both completed");

        // Urgency changes, cancellations and a ticket becoming a phone fix, in multi-row statements.
        await db.Tickets.Where(t => ids.Skip(50).Take(30).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Urgency, Urgency.Emergency));
        await AssertCountersAreTrueAsync("urgency raised");
        await db.Tickets.Where(t => ids.Skip(60).Take(10).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Cancelled));
        await db.Tickets.Where(t => ids.Skip(70).Take(5).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ServiceMode, ServiceMode.PhoneFix));
        await AssertCountersAreTrueAsync("cancelled and phone-fixed");

        // Tickets moved to a model of another category, and a model moved to another category.
        var categories = await db.ProductCategories.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var otherModel = await db.ProductModels.Where(m => m.CategoryId != categories[0]).Select(m => m.Id).FirstAsync();
        await db.Tickets.Where(t => ids.Skip(80).Take(10).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ProductModelId, otherModel));
        await AssertCountersAreTrueAsync("tickets moved to another model");
        // (the catalog is kept between tests: the model goes back where it was)
        var itsCategory = await db.ProductModels.Where(m => m.Id == otherModel).Select(m => m.CategoryId).SingleAsync();
        await db.ProductModels.Where(m => m.Id == otherModel).ExecuteUpdateAsync(s => s.SetProperty(m => m.CategoryId, categories[0]));
        await AssertCountersAreTrueAsync("a model moved to another category");
        await db.ProductModels.Where(m => m.Id == otherModel).ExecuteUpdateAsync(s => s.SetProperty(m => m.CategoryId, itsCategory));
        await AssertCountersAreTrueAsync("the model moved back");
        await db.Tickets.Where(t => ids.Skip(90).Take(3).Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ProductModelId, (long?)null));
        await AssertCountersAreTrueAsync("tickets without a model");

        // Completing work orders in bulk; a work order deleted; tickets deleted.
        await db.WorkOrders.Where(w => ids.Take(10).Contains(w.TicketId)).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkOrderStatus.Completed));
        await AssertCountersAreTrueAsync("work orders completed");
        await db.WorkOrders.Where(w => w.TicketId == ids[25]).ExecuteDeleteAsync();
        await AssertCountersAreTrueAsync("work order deleted");
        await db.Tickets.Where(t => ids.Skip(100).Contains(t.Id)).ExecuteDeleteAsync();
        await AssertCountersAreTrueAsync("tickets deleted");

        // The app's own dispatch of a waiting ticket.
        var waiting = await DispatchData.AcTicketAsync(db, Urgency.High);
        await AssertCountersAreTrueAsync("ticket logged");
        await using (var dispatchDb = App.NewDbContext())
        {
            var service = DispatchData.Service(App, dispatchDb);
            await service.DispatchAsync(new DispatchRequest(waiting.Id, TestData.Today, TimeSlot.Morning, null, null), "dispatch1", CancellationToken.None);
        }

        await AssertCountersAreTrueAsync("dispatched by the app");
    }
}
