namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>The six roles of the service department.</summary>
public static class Roles
{
    public const string Desk = "Desk";
    public const string Dispatcher = "Dispatcher";
    public const string Technician = "Technician";
    public const string Quality = "Quality";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Desk, Dispatcher, Technician, Quality, Manager, Admin];
}
