using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Requests one instance serves at once and keeps waiting (<c>Limits:*</c>); beyond, 503 with <c>Retry-After: 1</c>.
/// Sized by cores: 16 per core each. Checked at start.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    [Range(1, 100_000, ErrorMessage = "Limits:ConcurrentRequests (Limits__ConcurrentRequests) must be a number of requests from 1 to 100000.")]
    public int ConcurrentRequests { get; set; } = 16 * Environment.ProcessorCount;

    [Range(0, 100_000, ErrorMessage = "Limits:QueuedRequests (Limits__QueuedRequests) must be a number of requests from 0 to 100000.")]
    public int QueuedRequests { get; set; } = 16 * Environment.ProcessorCount;
}
