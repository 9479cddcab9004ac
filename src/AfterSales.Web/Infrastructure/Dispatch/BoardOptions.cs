using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>The dispatcher's live board (<c>Board:*</c>): its event streams, how often changes are relayed and coalesced. Checked at start.</summary>
public sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>Open board streams one instance serves at most (beyond: 503).</summary>
    [Range(0, 100_000, ErrorMessage = "Board:MaxSubscribers (Board__MaxSubscribers) must be a number of streams from 0 to 100000.")]
    public int MaxSubscribers { get; set; } = 200;

    /// <summary>A burst of changes is sent to the boards as one update per this many milliseconds.</summary>
    [Range(0, 5_000, ErrorMessage = "Board:DebounceMilliseconds (Board__DebounceMilliseconds) must be a number of milliseconds from 0 to 5000.")]
    public int DebounceMilliseconds { get; set; } = 300;

    /// <summary>How often each instance relays queued board notices to NOTIFY.</summary>
    [Range(20, 5_000, ErrorMessage = "Board:RelayMilliseconds (Board__RelayMilliseconds) must be a number of milliseconds from 20 to 5000.")]
    public int RelayMilliseconds { get; set; } = 200;

    /// <summary>A quiet stream sends a heartbeat this often (so proxies keep it open).</summary>
    [Range(1, 300, ErrorMessage = "Board:HeartbeatSeconds (Board__HeartbeatSeconds) must be a number of seconds from 1 to 300.")]
    public int HeartbeatSeconds { get; set; } = 20;

    /// <summary>A stream ends after this many minutes (the browser reconnects), so no stream lives forever.</summary>
    [Range(0.05, 120, ErrorMessage = "Board:StreamMinutes (Board__StreamMinutes) must be a number of minutes from 0.05 to 120.")]
    public double StreamMinutes { get; set; } = 10;
}
