using System.Globalization;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tickets;

/// <summary>Everything the ticket list filters and sorts by: what a saved view remembers.</summary>
public sealed record TicketListFilter(
    string? Q = null,
    TicketStatus? Status = null,
    TicketKind? Kind = null,
    ContactChannel? Channel = null,
    WarrantyStatus? Warranty = null,
    Urgency? Urgency = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Assignee = null,
    bool Oldest = false,
    string? Category = null)
{
    /// <summary>Longest product category code.</summary>
    public const int MaxCategoryLength = 32;

    /// <summary>Longest search text the list accepts (longer is refused, never cut).</summary>
    public const int MaxSearchLength = 100;

    /// <summary>Longest technician id (an Identity key).</summary>
    public const int MaxAssigneeLength = 450;

    /// <summary>The same filter with blank text as none, so "" and null compare equal.</summary>
    public TicketListFilter Normalized() => this with
    {
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        Assignee = string.IsNullOrWhiteSpace(Assignee) ? null : Assignee.Trim(),
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(),
    };

    /// <summary>Refuses a filter the list itself would refuse: over-long or control characters in the text, a range ending before it starts.</summary>
    public TicketListFilter Checked()
    {
        var f = Normalized();
        if (f.Q is { } q && (q.Length > MaxSearchLength || SavedView.HasHiddenCharacters(q)))
        {
            throw new DomainException("view.filter_invalid", "The search text of the view is too long or has control characters.");
        }

        if (f.Assignee is { Length: > MaxAssigneeLength } || (f.Assignee is { } a && SavedView.HasHiddenCharacters(a)))
        {
            throw new DomainException("view.filter_invalid", "The technician of the view is not valid.");
        }

        if (f.Category is { Length: > MaxCategoryLength } || (f.Category is { } c && SavedView.HasHiddenCharacters(c)))
        {
            throw new DomainException("view.filter_invalid", "The product category of the view is not valid.");
        }

        return f.From is { } from && f.To is { } to && to < from
            ? throw new DomainException("view.filter_range", "The view's date range ends before it starts.")
            : f;
    }
}

/// <summary>Who acts on a saved view, with what the role allows.</summary>
/// <param name="UserId">The signed-in user.</param>
/// <param name="MayShare">客服主管 (dispatcher) or manager: may share their views with the team.</param>
/// <param name="IsManager">A manager also looks after the team's shared views (rename, update, unshare, delete).</param>
public sealed record ViewActor(string UserId, bool MayShare, bool IsManager);

/// <summary>
/// A named set of ticket-list filters and sort, kept for one user. A dispatcher (客服主管) or a manager may share
/// theirs with the team: a shared view is listed for all staff who see the ticket list. Only the owner changes or
/// deletes a private view; a shared view is also looked after by managers.
/// </summary>
public sealed class SavedView
{
    public const int NameMaxLength = 40;

    /// <summary>Most views one user keeps: the list shows them all as tabs.</summary>
    public const int MaxPerOwner = 30;

    private SavedView()
    {
        OwnerId = "";
        Name = "";
        Filter = new TicketListFilter();
    }

    public long Id { get; private set; }

    public string OwnerId { get; private set; }

    public string Name { get; private set; }

    public TicketListFilter Filter { get; private set; }

    public bool IsShared { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// A view keeps exactly the filters its owner asked for: a filter value the form could not carry (a date out of
    /// range, an unknown status) refuses the change rather than being dropped from the view.
    /// </summary>
    /// <param name="carried">Every filter value of the form was read.</param>
    public static void EnsureFilterCarried(bool carried)
    {
        if (!carried)
        {
            throw new DomainException("view.filter_invalid", "The filters of the view are not valid.");
        }
    }

    /// <summary>A new view of <paramref name="owner"/>; <paramref name="ownedAlready"/> is how many they keep now.</summary>
    public static SavedView Create(ViewActor owner, string? name, TicketListFilter filter, bool share, int ownedAlready, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(filter);
        if (ownedAlready >= MaxPerOwner)
        {
            throw new DomainException("view.too_many", $"You keep {MaxPerOwner} views already; delete one first.", MaxPerOwner);
        }

        if (share && !owner.MayShare)
        {
            throw new DomainException("view.share_denied", "Only a dispatcher or a manager shares views with the team.");
        }

        return new SavedView
        {
            OwnerId = owner.UserId,
            Name = CheckName(name),
            Filter = filter.Checked(),
            IsShared = share,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Whether <paramref name="actor"/> sees this view among their tabs.</summary>
    public bool IsVisibleTo(string userId) => IsShared || OwnerId == userId;

    /// <summary>The owner; for a shared view also a manager.</summary>
    public bool MayChange(ViewActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.UserId == OwnerId || (IsShared && actor.IsManager);
    }

    public void Rename(ViewActor actor, string? name, DateTimeOffset now)
    {
        EnsureMayChange(actor);
        Name = CheckName(name);
        UpdatedAt = now;
    }

    public void UpdateFilter(ViewActor actor, TicketListFilter filter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filter);
        EnsureMayChange(actor);
        Filter = filter.Checked();
        UpdatedAt = now;
    }

    /// <summary>Shares with the team (the owner, if a dispatcher or manager) or stops sharing (the owner or a manager).</summary>
    public void SetShared(ViewActor actor, bool share, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (share && (actor.UserId != OwnerId || !actor.MayShare))
        {
            throw new DomainException("view.share_denied", "Only a dispatcher or a manager shares views with the team.");
        }

        EnsureMayChange(actor);
        IsShared = share;
        UpdatedAt = now;
    }

    /// <summary>Refuses deletion to anyone but the owner (and, for a shared view, a manager).</summary>
    public void EnsureMayDelete(ViewActor actor) => EnsureMayChange(actor);

    /// <summary>The name as kept: trimmed, 1 to <see cref="NameMaxLength"/> characters, no control or invisible formatting characters.</summary>
    public static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException("view.name_required", "Give the view a name.");
        }

        if (HasHiddenCharacters(trimmed))
        {
            throw new DomainException("view.name_invalid", "The name has control or invisible characters.");
        }

        var length = new StringInfo(trimmed).LengthInTextElements;
        return length > NameMaxLength
            ? throw new DomainException("view.name_too_long", $"The name is longer than {NameMaxLength} characters.", NameMaxLength)
            : trimmed.Normalize(System.Text.NormalizationForm.FormC);
    }

    /// <summary>Control characters, invisible format characters (bidi overrides, zero-width), line or paragraph separators, broken surrogates.</summary>
    public static bool HasHiddenCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned:
                    return true;
            }
        }

        return false;
    }

    private void EnsureMayChange(ViewActor actor)
    {
        if (!MayChange(actor))
        {
            throw new DomainException("view.not_yours", "Only the owner (or a manager, for a shared view) changes or deletes this view.");
        }
    }
}

/// <summary>The view a user's ticket list opens on when the address names no filter.</summary>
public sealed class SavedViewDefault
{
    private SavedViewDefault()
    {
        UserId = "";
    }

    public SavedViewDefault(string userId, long viewId)
    {
        UserId = userId;
        ViewId = viewId;
    }

    public string UserId { get; private set; }

    public long ViewId { get; private set; }

    public void Choose(long viewId) => ViewId = viewId;
}
