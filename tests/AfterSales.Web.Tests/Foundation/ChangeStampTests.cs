using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static AfterSales.Web.Tests.Discipline.ProposalData;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// The reward and penalty records' change stamp, under which the dismissal alerts are kept between visits: every
/// committed write gives a new stamp, reading does not, a write rolled back leaves it, and a stamp never comes back.
/// </summary>
public sealed class ChangeStampTests(AppFixture app) : AppTest(app)
{
    private async Task<long?> StampAsync()
    {
        await using var db = App.NewDbContext();
        return await ChangeStamps.ReadAsync(db, ChangeStamps.DisciplineRecords, CancellationToken.None);
    }

    [Fact]
    public async Task Each_committed_write_to_the_records_gives_a_new_stamp_and_nothing_else_does()
    {
        var seen = new HashSet<long?>();
        var record = await RecordAsync(App, "tech1", "P5-37", TestData.Today, decider: null);
        var afterInsert = await StampAsync();
        Assert.NotNull(afterInsert);
        seen.Add(afterInsert);

        await using (var db = App.NewDbContext())
        {
            Assert.Equal(1, await db.DisciplineRecords.CountAsync(r => r.Id == record.Id));
        }

        Assert.Equal(afterInsert, await StampAsync());

        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var update = new NpgsqlCommand("UPDATE discipline_records SET status = 'Rejected' WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("id", record.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(afterInsert, await StampAsync());

        await using (var db = App.NewDbContext())
        {
            await db.DisciplineRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecordStatus.Rejected));
        }

        Assert.True(seen.Add(await StampAsync()));

        await using (var db = App.NewDbContext())
        {
            await db.DisciplineRecords.Where(r => r.Id == record.Id).ExecuteDeleteAsync();
        }

        Assert.True(seen.Add(await StampAsync()));

        // A wipe of the stamps themselves: the next write writes a stamp never seen before.
        await using (var db = App.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM change_stamps");
        }

        Assert.Null(await StampAsync());
        await RecordAsync(App, "tech2", "P5-37", TestData.Today, decider: null);
        Assert.True(seen.Add(await StampAsync()));
    }

    [Fact]
    public async Task A_write_changes_the_stamps_of_the_employees_it_touched_and_no_one_elses()
    {
        var first = await RecordAsync(App, "tech1", "P5-37", TestData.Today, decider: null);
        var second = await RecordAsync(App, "tech2", "P5-37", TestData.Today, decider: null);
        Dictionary<string, long> before;
        await using (var db = App.NewDbContext())
        {
            before = await ChangeStamps.ReadAllAsync(db, ChangeStamps.DisciplineRecordsOf, CancellationToken.None);
        }

        Assert.Contains(first.EmployeeId, before.Keys);
        Assert.Contains(second.EmployeeId, before.Keys);

        await using (var db = App.NewDbContext())
        {
            await db.DisciplineRecords.Where(r => r.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecordStatus.Rejected));
            var after = await ChangeStamps.ReadAllAsync(db, ChangeStamps.DisciplineRecordsOf, CancellationToken.None);
            Assert.NotEqual(before[first.EmployeeId], after[first.EmployeeId]);
            Assert.Equal(before[second.EmployeeId], after[second.EmployeeId]);

            // A record moved from one employee to another changes both.
            await db.DisciplineRecords.Where(r => r.Id == second.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.EmployeeId, first.EmployeeId));
            var moved = await ChangeStamps.ReadAllAsync(db, ChangeStamps.DisciplineRecordsOf, CancellationToken.None);
            Assert.NotEqual(after[first.EmployeeId], moved[first.EmployeeId]);
            Assert.NotEqual(after[second.EmployeeId], moved[second.EmployeeId]);
        }
    }
}
