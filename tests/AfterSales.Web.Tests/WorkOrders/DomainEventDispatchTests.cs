using AfterSales.Domain;
using AfterSales.Web.Data;

namespace AfterSales.Web.Tests.WorkOrders;

/// <summary>The dispatch loop alone: rounds until no event is pending, in the order raised, and a guard against handlers that never stop.</summary>
public sealed class DomainEventDispatchTests
{
    private sealed record Happened(int Generation) : IDomainEvent;

    [Fact]
    public async Task Events_raised_by_handlers_are_dispatched_in_the_next_round_until_none_is_left()
    {
        var pending = new List<IDomainEvent> { new Happened(0), new Happened(0) };
        var handled = new List<int>();
        await DomainEventDispatch.DispatchAsync(
            () =>
            {
                var taken = pending.ToList();
                pending.Clear();
                return taken;
            },
            e =>
            {
                var generation = ((Happened)e).Generation;
                handled.Add(generation);
                if (generation < 2)
                {
                    pending.Add(new Happened(generation + 1));
                }

                return Task.CompletedTask;
            });
        Assert.Equal([0, 0, 1, 1, 2, 2], handled);
    }

    [Fact]
    public async Task Nothing_pending_calls_no_handler()
    {
        var calls = 0;
        await DomainEventDispatch.DispatchAsync(() => [], _ =>
        {
            calls++;
            return Task.CompletedTask;
        });
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Handlers_that_keep_raising_events_stop_the_save_after_the_round_limit()
    {
        var rounds = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DomainEventDispatch.DispatchAsync(
            () =>
            {
                rounds++;
                return [new Happened(rounds)];
            },
            _ => Task.CompletedTask));
        Assert.Contains(nameof(Happened), error.Message, StringComparison.Ordinal);
        Assert.Equal(DomainEventDispatch.MaxRounds + 1, rounds);
    }

    [Fact]
    public async Task A_refusing_handler_stops_the_dispatch_with_its_domain_error()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => DomainEventDispatch.DispatchAsync(
            () => [new Happened(0)],
            _ => throw new DomainException("ticket.consent_required", "refused")));
        Assert.Equal("ticket.consent_required", error.Code);
    }
}
