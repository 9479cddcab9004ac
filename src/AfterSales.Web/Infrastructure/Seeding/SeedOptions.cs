namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>How much demo data to make. Command line: <c>seed --customers 200000 --tickets 1000000</c>.</summary>
public sealed record SeedOptions(int Customers, int Tickets, bool Staff, int RandomSeed)
{
    public static SeedOptions FromArgs(string[] args, IConfiguration configuration)
    {
        var customers = configuration.GetValue("Demo:Customers", 500);
        var tickets = configuration.GetValue("Demo:Tickets", 3000);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--customers" && int.TryParse(args[i + 1], out var n) && n >= 0)
            {
                customers = n;
            }

            if (args[i] == "--tickets" && int.TryParse(args[i + 1], out var t) && t >= 0)
            {
                tickets = t;
            }
        }

        return new SeedOptions(customers, tickets, Staff: true, RandomSeed: 20261127);
    }
}
