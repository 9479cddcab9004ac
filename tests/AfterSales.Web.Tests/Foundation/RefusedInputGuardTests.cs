using AfterSales.Web.Infrastructure.Security;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// The last line of the input policy: during a request, no command reaches PostgreSQL with a refused character in a
/// text parameter, whatever way EF Core runs it (a reader or a non-query, synchronously or not); outside a request
/// (seeding, background work) the guard stays out of the way.
/// </summary>
public sealed class RefusedInputGuardTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_refused_parameter_is_stopped_on_every_way_a_command_runs_during_a_request()
    {
        var accessor = App.Factory.Services.GetRequiredService<IHttpContextAccessor>();
        await using var db = App.NewDbContext();
        var refused = "合同\u202Egnp.exe";
        var fine = "合同.pdf";

        accessor.HttpContext = new DefaultHttpContext();
        try
        {
            Assert.Throws<InputRefusedException>(() => db.Customers.Where(c => c.Name == refused).ToList());
            await Assert.ThrowsAsync<InputRefusedException>(() => db.Customers.Where(c => c.Name == refused).ToListAsync());
            Assert.Throws<InputRefusedException>(() => db.Database.ExecuteSqlRaw("select {0}::text", refused));
            await Assert.ThrowsAsync<InputRefusedException>(() => db.Database.ExecuteSqlRawAsync("select {0}::text", refused));
            await Assert.ThrowsAsync<InputRefusedException>(() => db.Database.SqlQueryRaw<string>("select {0}::text as \"Value\"", refused).ToListAsync());

            Assert.Empty(await db.Customers.Where(c => c.Name == fine).ToListAsync());
            await db.Database.ExecuteSqlRawAsync("select {0}::text", fine);
        }
        finally
        {
            accessor.HttpContext = null;
        }

        // Outside a request the guard does not look.
        Assert.Empty(await db.Customers.Where(c => c.Name == refused).ToListAsync());
    }
}
