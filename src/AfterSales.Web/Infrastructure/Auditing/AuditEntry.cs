namespace AfterSales.Web.Infrastructure.Auditing;

/// <summary>One insert, update or delete of one entity, written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public string EntityName { get; set; } = "";

    public string EntityKey { get; set; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; set; } = "";

    /// <summary>JSON object: property name → { "old": …, "new": … } for the fields that changed.</summary>
    public string Changes { get; set; } = "{}";

    public string UserName { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
