namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// How much demo data to make. Command line: <c>seed --customers 200000 --tickets 1000000 --staff 2000 --records 500000</c>.
/// <paramref name="Headcount"/> is the company's total staff (0: the demo staff only); <paramref name="Records"/> the reward and penalty records (0: none);
/// <paramref name="PublishMonths"/> how many months before the current one to submit, check and publish (0: none).
/// </summary>
public sealed record SeedOptions(int Customers, int Tickets, bool Staff, int RandomSeed, int Headcount = 0, int Records = 0, int PublishMonths = 0)
{
    public static SeedOptions FromArgs(string[] args, IConfiguration configuration)
    {
        var demo = DemoOptions.Read(configuration);
        int Option(string name, int configured)
        {
            var value = configured;
            for (var i = 0; i < args.Length - 1; i++)
            {
                if (args[i] == name && int.TryParse(args[i + 1], out var n) && n >= 0)
                {
                    value = n;
                }
            }

            return value;
        }

        return new SeedOptions(
            Option("--customers", demo.Customers),
            Option("--tickets", demo.Tickets),
            Staff: true,
            RandomSeed: 20261127,
            Headcount: Option("--staff", demo.Staff),
            Records: Option("--records", demo.Records),
            PublishMonths: Option("--publish-months", demo.PublishMonths));
    }
}
