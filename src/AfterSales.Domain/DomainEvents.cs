namespace AfterSales.Domain;

/// <summary>
/// Something that happened to an aggregate which other aggregates react to in the same save: a work order
/// completed closes the repair on its ticket and makes the follow-up call due. The aggregate raises it; the
/// database layer dispatches it to its handlers before it writes, in the same transaction.
/// </summary>
public interface IDomainEvent;

/// <summary>
/// An aggregate that records its <see cref="IDomainEvent"/>s until they are dispatched (model: dotnet/eShop
/// <c>Ordering.Domain/SeedWork/Entity.cs</c>). Not stored: the events live only until the save that carries them.
/// </summary>
public abstract class AggregateRoot
{
    private List<IDomainEvent>? _pendingEvents;

    /// <summary>The events raised since the last dispatch, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _pendingEvents is null ? [] : _pendingEvents;

    /// <summary>
    /// Forgets the pending events: the dispatcher calls it when it takes them; test data and seeding that write
    /// history as it stands (the ticket and follow-up written beside it) call it so nothing reacts twice.
    /// </summary>
    public void ClearDomainEvents() => _pendingEvents?.Clear();

    protected void Raise(IDomainEvent domainEvent) => (_pendingEvents ??= []).Add(domainEvent);
}
