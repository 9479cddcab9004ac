using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure.Jobs;

/// <summary>The background work (<c>Jobs:*</c>): the lock that picks the one instance running it, and how often it looks. Checked at start.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>The PostgreSQL advisory lock's key (two installations sharing one server give different keys).</summary>
    public long LockKey { get; set; } = JobLeadership.DefaultLockKey;

    /// <summary>How often an instance checks or tries to take the lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Jobs:RetryInterval (Jobs__RetryInterval) must be a time span from 00:00:00.010 to 01:00:00.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the leader looks whether the day's scan is due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Jobs:PollInterval (Jobs__PollInterval) must be a time span from 00:00:00.010 to 1.00:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
