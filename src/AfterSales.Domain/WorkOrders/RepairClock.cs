using AfterSales.Domain.Calendar;

namespace AfterSales.Domain.WorkOrders;

public enum RepairKind
{
    /// <summary>Repaired with replacement parts: at most 7 working days (Part 4 §1.3.3.1).</summary>
    PartsReplacement,

    /// <summary>Sent back to the factory: 10–15 working days, set per product category (§1.3.3.2).</summary>
    ReturnToFactory,
}

public enum RepairClockState
{
    OnTrack,
    DueSoon,
    Overdue,
}

/// <summary>Who told the customer (and the service department) that the repair will run late, and when.</summary>
public sealed record CustomerNotification(string NotifiedBy, DateTimeOffset NotifiedAt, string Note);

/// <summary>One extension of the repair period, kept for the record.</summary>
public sealed record RepairClockExtension(
    DateOnly PreviousDeadline,
    DateOnly NewDeadline,
    CustomerNotification Notification,
    DateOnly RecordedOn)
{
    /// <summary>For reading a stored extension back: the values are filled in from the record.</summary>
    private RepairClockExtension()
        : this(default, default, null!, default)
    {
    }
}

/// <summary>
/// The repair period of a work order, in working days counted after the acceptance date (see
/// <see cref="WorkingCalendar"/>). The deadline is fixed when the clock starts; the calendar is
/// passed in again to measure the days left, so that calendar edits show up at once.
/// A late repair is extended only before the deadline and only once the customer has been told.
/// </summary>
public sealed class RepairClock
{
    public const int PartsReplacementWorkingDays = 7;
    public const int MinReturnToFactoryWorkingDays = 10;
    public const int MaxReturnToFactoryWorkingDays = 15;
    public const int DefaultDueSoonWithin = 2;

    private readonly List<RepairClockExtension> _extensions = [];

    private RepairClock(RepairKind kind, DateOnly acceptedOn, int allowedWorkingDays, DateOnly originalDeadline, DateOnly deadline)
    {
        Kind = kind;
        AcceptedOn = acceptedOn;
        AllowedWorkingDays = allowedWorkingDays;
        OriginalDeadline = originalDeadline;
        Deadline = deadline;
    }

    public RepairKind Kind { get; private set; }

    /// <summary>The business date the repair was accepted; day 0 of the clock.</summary>
    public DateOnly AcceptedOn { get; private set; }

    public int AllowedWorkingDays { get; private set; }

    public DateOnly OriginalDeadline { get; private set; }

    public DateOnly Deadline { get; private set; }

    public IReadOnlyList<RepairClockExtension> Extensions => _extensions;

    /// <summary>Rebuilds a clock from its stored facts (the deadline was fixed when it started).</summary>
    public static RepairClock Restore(RepairKind kind, DateOnly acceptedOn, int allowedWorkingDays, DateOnly originalDeadline, DateOnly deadline, IEnumerable<RepairClockExtension> extensions)
    {
        var clock = new RepairClock(kind, acceptedOn, allowedWorkingDays, originalDeadline, deadline);
        clock._extensions.AddRange(extensions);
        return clock;
    }

    /// <summary>A repair with replacement parts: due 7 working days after acceptance.</summary>
    public static RepairClock ForPartsReplacement(DateOnly acceptedOn, WorkingCalendar calendar) =>
        Start(RepairKind.PartsReplacement, acceptedOn, PartsReplacementWorkingDays, calendar);

    /// <summary>A factory return: due <paramref name="categoryWorkingDays"/> (10–15) working days after acceptance.</summary>
    /// <exception cref="DomainException"><c>clock.factory_days_out_of_range</c>.</exception>
    public static RepairClock ForReturnToFactory(DateOnly acceptedOn, int categoryWorkingDays, WorkingCalendar calendar)
    {
        ValidateReturnToFactoryDays(categoryWorkingDays);
        return Start(RepairKind.ReturnToFactory, acceptedOn, categoryWorkingDays, calendar);
    }

    /// <summary>Checks a product category's factory-return period (10–15 working days).</summary>
    /// <exception cref="DomainException"><c>clock.factory_days_out_of_range</c>.</exception>
    public static void ValidateReturnToFactoryDays(int workingDays)
    {
        if (workingDays is < MinReturnToFactoryWorkingDays or > MaxReturnToFactoryWorkingDays)
        {
            throw new DomainException(
                "clock.factory_days_out_of_range",
                $"A factory return takes {MinReturnToFactoryWorkingDays} to {MaxReturnToFactoryWorkingDays} working days, not {workingDays}.",
                workingDays,
                MinReturnToFactoryWorkingDays,
                MaxReturnToFactoryWorkingDays);
        }
    }

    /// <summary>
    /// Working days from <paramref name="today"/> to the deadline, counted after today: 0 on the
    /// deadline day, negative once working days have passed it.
    /// </summary>
    public int DaysLeft(DateOnly today, WorkingCalendar calendar) => calendar.WorkingDaysBetween(today, Deadline);

    /// <summary>
    /// Overdue once today is after the deadline; DueSoon with <paramref name="dueSoonWithin"/> or fewer
    /// working days left (the deadline day included); OnTrack otherwise.
    /// </summary>
    /// <exception cref="DomainException"><c>clock.negative_due_soon_threshold</c>.</exception>
    public RepairClockState State(DateOnly today, WorkingCalendar calendar, int dueSoonWithin = DefaultDueSoonWithin) =>
        StateOf(Deadline, today, calendar, dueSoonWithin);

    /// <summary>
    /// The state of a clock whose deadline is <paramref name="deadline"/>: lists read the deadline alone, not the
    /// whole work order. Overdue once today is after it; DueSoon with <paramref name="dueSoonWithin"/> or fewer
    /// working days left; OnTrack otherwise.
    /// </summary>
    /// <exception cref="DomainException"><c>clock.negative_due_soon_threshold</c>.</exception>
    public static RepairClockState StateOf(DateOnly deadline, DateOnly today, WorkingCalendar calendar, int dueSoonWithin = DefaultDueSoonWithin)
    {
        if (dueSoonWithin < 0)
        {
            throw new DomainException(
                "clock.negative_due_soon_threshold",
                $"The due-soon threshold cannot be negative ({dueSoonWithin}).",
                dueSoonWithin);
        }

        if (today > deadline)
        {
            return RepairClockState.Overdue;
        }

        return calendar.WorkingDaysBetween(today, deadline) <= dueSoonWithin ? RepairClockState.DueSoon : RepairClockState.OnTrack;
    }

    /// <summary>
    /// Moves the deadline to <paramref name="newDeadline"/>. Allowed only up to the deadline day
    /// itself, only once the customer has been told, and only to a later date.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>clock.extension_after_deadline</c>, <c>clock.extension_without_notification</c>,
    /// <c>clock.extension_not_later</c>.
    /// </exception>
    public void Extend(DateOnly newDeadline, CustomerNotification? notification, DateOnly today)
    {
        if (today > Deadline)
        {
            throw new DomainException(
                "clock.extension_after_deadline",
                $"The deadline {Deadline:yyyy-MM-dd} has passed; a repair period can only be extended before it runs out.",
                Deadline);
        }

        if (notification is null || string.IsNullOrWhiteSpace(notification.NotifiedBy))
        {
            throw new DomainException(
                "clock.extension_without_notification",
                "Record who told the customer about the delay, and when, before extending the repair period.");
        }

        if (newDeadline <= Deadline)
        {
            throw new DomainException(
                "clock.extension_not_later",
                $"The new deadline {newDeadline:yyyy-MM-dd} must be later than the current one, {Deadline:yyyy-MM-dd}.",
                newDeadline,
                Deadline);
        }

        _extensions.Add(new RepairClockExtension(Deadline, newDeadline, notification, today));
        Deadline = newDeadline;
    }

    private static RepairClock Start(RepairKind kind, DateOnly acceptedOn, int workingDays, WorkingCalendar calendar)
    {
        var deadline = calendar.AddWorkingDays(acceptedOn, workingDays);
        return new RepairClock(kind, acceptedOn, workingDays, deadline, deadline);
    }
}
