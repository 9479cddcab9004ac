using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Pages.Tickets;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Demo tickets over the last six months, in every state, built through the domain (so each one is a
/// ticket the rules could have produced) and written with binary COPY: a few thousand for the demo, a
/// million for benchmarks (<c>seed --tickets 1000000</c>).
/// </summary>
public sealed class TicketSeeder(AfterSalesDbContext db, CompanyClock clock, ILogger<TicketSeeder> logger)
{
    private static readonly Dictionary<string, string[]> Faults = new()
    {
        ["AC"] = ["空调不制冷", "制热效果差，室外机结霜", "室内机漏水", "开机后显示 E1 故障代码", "外机噪音很大", "遥控器失灵，面板无反应", "出风有异味", "压缩机频繁启停"],
        ["FR"] = ["冷藏室不制冷", "冷冻室结冰严重", "冰箱运行声音大", "门封条老化漏冷", "显示屏不亮", "制冰机不出冰"],
        ["WM"] = ["脱水时剧烈晃动", "不进水", "排水慢，显示 E2", "滚筒不转", "门锁打不开", "洗涤时漏水"],
        ["WH"] = ["点火失败，不出热水", "水温忽冷忽热", "热水器漏水", "显示 E5 过热保护", "打不着火，有燃气味"],
        ["AN"] = ["基线漂移严重", "光源能量低，需要更换氘灯", "检测器无信号", "波长校准不通过", "软件与主机通讯中断"],
        ["MI"] = ["测量读数偏差大", "屏幕无显示", "电池仓腐蚀", "探头接触不良", "开机自检报错"],
        ["LT"] = ["发动机故障灯亮", "刹车异响", "空调不制冷", "起步抖动", "仪表盘报电池故障", "变速箱换挡顿挫"],
        ["EB"] = ["电池续航明显下降", "充电器不充电", "电机异响", "刹车断电失灵", "仪表不显示电量"],
    };

    private static readonly string[] Times = ["周六上午", "明天下午", "工作日晚上 6 点后", "随时", "本周内", "下周一上午", null!, null!];

    private sealed record UnitRow(long Id, long CustomerId, long ModelId, string Serial, DateOnly? Purchase, bool Proof);

    public async Task<int> SeedAsync(NpgsqlConnection connection, int count, int randomSeed, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return 0;
        }

        var models = await db.ProductModels.AsNoTracking().Include(m => m.Category).ToDictionaryAsync(m => m.Id, cancellationToken);
        var technicians = await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == Roles.Technician
                                 select u.Id).ToListAsync(cancellationToken);
        var desk = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Desk
                          select u.UserName!).ToListAsync(cancellationToken);
        if (desk.Count == 0)
        {
            desk.Add("system");
        }

        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitRow(u.Id, u.CustomerId, u.ProductModelId, u.SerialNumber, u.PurchaseDate, u.HasProofOfPurchase))
            .ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            return 0;
        }

        var counters = await db.TicketNumberCounters.AsNoTracking().ToDictionaryAsync(c => c.Day, c => c.Last, cancellationToken);
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed) };
        var today = clock.Today;
        var now = clock.UtcNow;
        const int batch = 50_000;
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            var next = await DemoSeeder.ReserveIdsAsync(connection, size, cancellationToken);
            var tickets = new List<(long Id, Ticket Ticket)>(size);
            for (var i = 0; i < size; i++)
            {
                var unit = faker.PickRandom(units);
                var model = models[unit.ModelId];

                // Newer tickets are more numerous; none in the future.
                var ageDays = (int)Math.Floor(Math.Pow(faker.Random.Double(), 1.3) * 182);
                var created = now.AddDays(-ageDays).AddMinutes(-faker.Random.Int(0, 600));
                var day = DateOnly.FromDateTime(clock.ToLocal(created).DateTime);
                if (unit.Purchase > day)
                {
                    created = now;
                    day = today;
                }

                counters[day] = counters.GetValueOrDefault(day) + 1;
                tickets.Add((next++, Build(faker, TicketNumbers.Format(day, counters[day]), unit, model, day, created, now, faker.PickRandom(desk), technicians)));
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await WriteAsync(connection, tickets, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seeded {Done} of {Count} tickets", done + size, count);
        }

        await using (var upsert = new NpgsqlCommand(
            "insert into ticket_number_counters (day, last) select * from unnest(@days, @lasts) on conflict (day) do update set last = greatest(ticket_number_counters.last, excluded.last)",
            connection))
        {
            upsert.Parameters.AddWithValue("days", counters.Keys.ToArray());
            upsert.Parameters.AddWithValue("lasts", counters.Values.ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("analyze tickets", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return count;
    }

    /// <summary>One ticket walked through the domain to a believable state for its age.</summary>
    private static Ticket Build(Faker faker, string number, UnitRow unit, ProductModel model, DateOnly day, DateTimeOffset created, DateTimeOffset now, string deskUser, List<string> technicians)
    {
        var kind = faker.Random.WeightedRandom([TicketKind.Repair, TicketKind.Installation, TicketKind.Consultation, TicketKind.Complaint, TicketKind.Exchange], [0.68f, 0.1f, 0.14f, 0.06f, 0.02f]);
        var category = model.Category?.Code ?? "AC";
        var fault = kind switch
        {
            TicketKind.Installation => "新购" + model.Name + "预约安装",
            TicketKind.Consultation => faker.PickRandom("询问保修期限", "咨询滤网清洗方法", "询问上门服务收费标准", "咨询延保服务", "询问配件价格"),
            TicketKind.Complaint => faker.PickRandom("维修后故障再次出现，要求处理", "上门服务迟到两小时", "维修员态度差", "维修收费不合理"),
            _ => faker.PickRandom(Faults.GetValueOrDefault(category, Faults["AC"])),
        };
        var unitModel = new Unit(unit.CustomerId, unit.ModelId, unit.Serial, unit.Purchase is { } p && p <= day ? p : null, unit.Proof, null, null, day);
        var decision = Intake.Decide(model, unitModel, day);
        var ticket = Ticket.Create(
            number,
            new TicketIntake
            {
                CustomerId = unit.CustomerId,
                UnitId = unit.Id,
                ProductModelId = unit.ModelId,
                Channel = faker.Random.WeightedRandom([ContactChannel.Phone, ContactChannel.Visit, ContactChannel.Web, ContactChannel.Letter, ContactChannel.Fax], [0.7f, 0.15f, 0.1f, 0.04f, 0.01f]),
                Kind = kind,
                Urgency = faker.Random.WeightedRandom([Urgency.Low, Urgency.Normal, Urgency.High, Urgency.Emergency], [0.15f, 0.6f, 0.2f, 0.05f]),
                ServiceMode = kind == TicketKind.Consultation ? ServiceMode.PhoneFix : faker.Random.WeightedRandom([ServiceMode.OnSite, ServiceMode.BringIn, ServiceMode.PhoneFix], [0.7f, 0.2f, 0.1f]),
                FaultDescription = fault,
                PreferredTime = faker.PickRandom(Times),
                EstimatedAmount = decision.Status == Domain.Warranty.WarrantyStatus.InWarranty ? null : faker.Random.Int(1, 12) * 50,
            },
            decision,
            created,
            deskUser);

        var at = created;

        // Each step happens some hours after the previous one, and never after now.
        bool Next(Action<DateTimeOffset> step)
        {
            at = at.AddHours(faker.Random.Double(1, 40));
            if (at > now)
            {
                return false;
            }

            step(at);
            return true;
        }

        if (kind == TicketKind.Consultation)
        {
            if (faker.Random.Double() < 0.9)
            {
                ticket.CloseWithAnswer("已电话答复客户。", created.AddMinutes(5) < now ? created.AddMinutes(5) : created, deskUser);
            }

            return ticket;
        }

        // Older tickets have gone further along; a few are cancelled or declined.
        var progress = Math.Min(1.0, (now - created).TotalDays / 20 + faker.Random.Double(0, 0.3));
        if (faker.Random.Double() < 0.03)
        {
            Next(t => ticket.Cancel("客户取消", t));
            return ticket;
        }

        if (ticket.WarrantyStatus != Domain.Warranty.WarrantyStatus.InWarranty)
        {
            var part = faker.Random.Int(50, 900);
            var quote = new Quote([new QuoteLine(QuoteLineKind.Part, "更换配件", "P-" + faker.Random.Int(1000, 9999), 1, part), new QuoteLine(QuoteLineKind.Labour, "维修工时", null, faker.Random.Int(1, 3), 80)]);
            if (progress < 0.1)
            {
                if (faker.Random.Bool())
                {
                    ticket.RequestQuote();
                }

                return ticket;
            }

            if (!Next(t => ticket.RecordQuote(quote, t, deskUser)))
            {
                return ticket;
            }

            var accepted = faker.Random.Double() > 0.15;
            if (progress < 0.2 || !Next(t => ticket.RecordConsent(faker.PickRandom<ConsentMethod>(), accepted, deskUser, t, null)) || !accepted)
            {
                return ticket;
            }
        }

        _ = technicians.Count > 0
            && progress >= 0.3 && Next(t => ticket.Assign(faker.PickRandom(technicians), t))
            && progress >= 0.45 && Next(ticket.StartWork)
            && progress >= 0.6 && Next(ticket.Complete)
            && progress >= 0.75 && Next(ticket.Close);
        return ticket;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, List<(long Id, Ticket Ticket)> tickets, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            """
            COPY tickets (id, number, customer_id, unit_id, product_model_id, channel, kind, urgency, service_mode, fault_description,
                preferred_time, estimated_amount, status, warranty_status, warranty_expires_on, warranty_decided_on, created_at, created_by,
                resolution, resolved_by, cancellation_reason, quote_total, quoted_at, quoted_by, consent, assigned_technician_id,
                assigned_at, started_at, completed_at, closed_at, quote_lines, warranty_reasons) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, t) in tickets)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(t.Number, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.CustomerId, NpgsqlDbType.Bigint, cancellationToken);
            await Nullable(import, t.UnitId, NpgsqlDbType.Bigint, cancellationToken);
            await Nullable(import, t.ProductModelId, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(t.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.Urgency.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.ServiceMode.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.FaultDescription, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.PreferredTime, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.EstimatedAmount, NpgsqlDbType.Numeric, cancellationToken);
            await import.WriteAsync(t.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(t.WarrantyStatus.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.WarrantyExpiresOn, NpgsqlDbType.Date, cancellationToken);
            await import.WriteAsync(t.WarrantyDecidedOn, NpgsqlDbType.Date, cancellationToken);
            await import.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(t.CreatedBy, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.Resolution, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.ResolvedBy, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.CancellationReason, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.QuoteTotal, NpgsqlDbType.Numeric, cancellationToken);
            await Nullable(import, t.QuotedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Nullable(import, t.QuotedBy, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.Consent is null ? null : JsonColumn.Serialize(t.Consent), NpgsqlDbType.Jsonb, cancellationToken);
            await Nullable(import, t.AssignedTechnicianId, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(import, t.AssignedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Nullable(import, t.StartedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Nullable(import, t.CompletedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Nullable(import, t.ClosedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(JsonColumn.Serialize(t.QuoteLines.ToList()), NpgsqlDbType.Jsonb, cancellationToken);
            await import.WriteAsync(JsonColumn.Serialize(t.WarrantyReasons.ToList()), NpgsqlDbType.Jsonb, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? import.WriteAsync(v, type, cancellationToken) : import.WriteNullAsync(cancellationToken);

    private static Task Nullable(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, type, cancellationToken);
}
