namespace AfterSales.Web.Infrastructure;

/// <summary>Where the rolling log files go (<c>Logging:Folder</c>; <c>none</c> switches them off; unset: <c>logs</c> beside the app's content).</summary>
public sealed class LogFileOptions
{
    public const string Section = "Logging";

    public string? Folder { get; set; }
}
