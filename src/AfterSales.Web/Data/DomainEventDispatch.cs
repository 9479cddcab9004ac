using AfterSales.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AfterSales.Web.Data;

/// <summary>
/// Reacts to one kind of <see cref="IDomainEvent"/> inside the save that carries it: loads the other aggregates the
/// rule needs through <paramref name="db"/> (the saving context) and lets the domain change them. What it changes is
/// written by the same save, in the same transaction; a <see cref="DomainException"/> refuses the whole save.
/// </summary>
public interface IDomainEventReaction
{
    Task HandleAsync(IDomainEvent domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken);
}

/// <summary>A handler of the events of type <typeparamref name="TEvent"/>; registered in DI by <see cref="DomainEventDispatch.AddDomainEventReactions"/>.</summary>
public abstract class DomainEventReaction<TEvent> : IDomainEventReaction
    where TEvent : IDomainEvent
{
    public Task HandleAsync(IDomainEvent domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken) =>
        domainEvent is TEvent e ? HandleAsync(e, db, cancellationToken) : Task.CompletedTask;

    protected abstract Task HandleAsync(TEvent domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Dispatches the events raised by the tracked aggregates before <see cref="AfterSalesDbContext"/> writes (model:
/// dotnet/eShop <c>Ordering.Infrastructure/MediatorExtension.cs</c>, without a mediator): takes every pending event,
/// runs its handlers (from the context's own request scope), and goes round again for the events those handlers raised,
/// until none is left. Then the one save writes it all, audit rows included.
/// </summary>
public static class DomainEventDispatch
{
    /// <summary>Rounds of events raised by handlers before dispatching gives up (a handler loop is a bug).</summary>
    public const int MaxRounds = 10;

    /// <summary>Registers every <see cref="IDomainEventReaction"/> of the web assembly as a scoped service.</summary>
    public static IServiceCollection AddDomainEventReactions(this IServiceCollection services)
    {
        foreach (var type in typeof(DomainEventDispatch).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IDomainEventReaction))))
        {
            services.AddScoped(typeof(IDomainEventReaction), type);
        }

        return services;
    }

    public static async Task DispatchAsync(AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        IReadOnlyList<IDomainEventReaction>? handlers = null;
        await DispatchAsync(() => TakePending(db), async domainEvent =>
        {
            handlers ??= Handlers(db);
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(domainEvent, db, cancellationToken);
            }
        });
    }

    /// <summary>The dispatch loop: take what is pending, handle it in order, again until nothing is pending.</summary>
    public static async Task DispatchAsync(Func<IReadOnlyList<IDomainEvent>> takePending, Func<IDomainEvent, Task> handle)
    {
        for (var round = 1; ; round++)
        {
            var pending = takePending();
            if (pending.Count == 0)
            {
                return;
            }

            if (round > MaxRounds)
            {
                throw new InvalidOperationException($"Domain events still pending after {MaxRounds} rounds (a handler keeps raising them): {string.Join(", ", pending.Select(e => e.GetType().Name).Distinct())}.");
            }

            foreach (var domainEvent in pending)
            {
                await handle(domainEvent);
            }
        }
    }

    /// <summary>For the synchronous save, which cannot run the handlers: refuses while events are pending.</summary>
    public static void RefusePending(AfterSalesDbContext db)
    {
        if (Aggregates(db).Any(a => a.DomainEvents.Count > 0))
        {
            throw new InvalidOperationException("Aggregates with domain events are saved with SaveChangesAsync, which dispatches them.");
        }
    }

    private static List<IDomainEvent> TakePending(AfterSalesDbContext db)
    {
        var events = new List<IDomainEvent>();
        foreach (var aggregate in Aggregates(db))
        {
            if (aggregate.DomainEvents.Count > 0)
            {
                events.AddRange(aggregate.DomainEvents);
                aggregate.ClearDomainEvents();
            }
        }

        return events;
    }

    /// <summary>The tracked aggregates, without a second change detection (events do not depend on it; the save detects anyway).</summary>
    private static List<AggregateRoot> Aggregates(AfterSalesDbContext db)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>The handlers of the request (or job) scope that made the context: AddDbContext gives the options that scope's provider.</summary>
    private static List<IDomainEventReaction> Handlers(AfterSalesDbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?? throw new InvalidOperationException("Domain events need the application's services: create the context through dependency injection.");
        return [.. services.GetServices<IDomainEventReaction>()];
    }
}
