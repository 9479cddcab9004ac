using AfterSales.Domain.Warranty;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Customers;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;
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
public sealed class TicketSeeder(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, ILogger<TicketSeeder> logger)
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

    private sealed record Seeded(long TicketId, Ticket Ticket, long WorkOrderId, WorkOrder? WorkOrder, long FollowUpId, FollowUp? FollowUp, long ComplaintId)
    {
        public Complaint? Complaint { get; set; }
    }

    public async Task<int> SeedAsync(NpgsqlConnection connection, int count, int randomSeed, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return 0;
        }

        var models = await db.ProductModels.AsNoTracking().Include(m => m.Category).ToDictionaryAsync(m => m.Id, cancellationToken);
        var technicians = await db.UsersInRole(Roles.Technician).Select(u => u.Id).ToListAsync(cancellationToken);
        var desk = await db.UsersInRole(Roles.Desk).Select(u => u.UserName!).ToListAsync(cancellationToken);
        var deskIds = await db.UsersInRole(Roles.Desk).Select(u => u.Id).ToListAsync(cancellationToken);
        var qualityIds = await db.UsersInRole(Roles.Quality).Select(u => u.Id).ToListAsync(cancellationToken);
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

        var calendar = await workCalendar.GetAsync(cancellationToken);
        // The highest number each day may have used so far (see TicketNumbers: the sequence's value minus the day's base).
        var standing = await db.Database.SqlQuery<long>($"SELECT last_value AS \"Value\" FROM ticket_number_seq").SingleAsync(cancellationToken);
        var counters = await db.TicketNumberDays.AsNoTracking().ToDictionaryAsync(c => c.Day, c => checked((int)(standing - c.Base)), cancellationToken);
        var faker = new Faker("zh_CN") { Random = new Randomizer(randomSeed) };
        var today = clock.Today;
        var now = clock.UtcNow;
        const int batch = 50_000;

        // A large load builds the text indexes once at the end instead of row by row (many times faster).
        var rebuildTextIndexes = count >= 4 * batch;
        if (rebuildTextIndexes)
        {
            await ExecuteAsync(connection, "DROP INDEX IF EXISTS ix_tickets_search_grams; DROP INDEX IF EXISTS ix_tickets_fault_trgm;", cancellationToken);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            // Three ids per ticket: the ticket, its work order, its follow-up call (used or not).
            var next = await DemoSeeder.ReserveIdsAsync(connection, size * 4L, cancellationToken);
            var seeded = new List<Seeded>(size);
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
                var ticket = Build(faker, TicketNumbers.Format(day, counters[day]), unit, model, day, created, now, faker.PickRandom(desk), technicians);
                var ids = (Ticket: next, WorkOrder: next + 1, FollowUp: next + 2, Complaint: next + 3);
                next += 4;
                var (workOrder, followUp) = FieldWork(faker, ticket, ids.Ticket, ids.WorkOrder, now, calendar);
                seeded.Add(new Seeded(ids.Ticket, ticket, ids.WorkOrder, workOrder, ids.FollowUp, followUp, ids.Complaint));
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            ComplaintLedger(faker, seeded, models, deskIds, qualityIds, now);
            await WriteAsync(connection, seeded, cancellationToken);

            // Each day's base moves down so the numbers handed out next follow the seeded ones; it goes with its
            // tickets, so a load stopped half-way resumes without reusing numbers.
            await using (var upsert = new NpgsqlCommand(
                """
                insert into ticket_number_days (day, base)
                select d, (select last_value from ticket_number_seq) - l from unnest(@days, @lasts) as x (d, l)
                on conflict (day) do update set base = least(ticket_number_days.base, excluded.base)
                """,
                connection))
            {
                upsert.Parameters.AddWithValue("days", counters.Keys.ToArray());
                upsert.Parameters.AddWithValue("lasts", counters.Values.ToArray());
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            var rate = (done + size) / Math.Max(started.Elapsed.TotalSeconds, 0.001);
            logger.LogInformation(
                "Seeded {Done} of {Count} tickets ({Rate:N0}/s, about {Remaining:N0} s to go)",
                done + size,
                count,
                rate,
                (count - done - size) / rate);
        }

        if (rebuildTextIndexes)
        {
            logger.LogInformation("Building the ticket text indexes");
            await ExecuteAsync(
                connection,
                """
                SET maintenance_work_mem = '512MB';
                CREATE INDEX IF NOT EXISTS ix_tickets_search_grams ON tickets USING gin (search_grams);
                CREATE INDEX IF NOT EXISTS ix_tickets_fault_trgm ON tickets USING gin (fault_description gin_trgm_ops);
                RESET maintenance_work_mem;
                """,
                cancellationToken);
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
        var decision = UnitWarranty.Decide(model, unitModel, day);
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

    private static readonly string[] Opinions = ["很满意，师傅很专业", "维修及时，态度好", "满意", "希望下次能更快上门", "师傅讲解很清楚", null!, null!];

    /// <summary>Extra services a technician sells on site: what the customer pays, what the materials cost.</summary>
    private static readonly (string Service, decimal Charge, decimal Cost)[] ExtraServices =
    [
        ("加装防盗器", 120m, 45m), ("清洗保养", 80m, 0m), ("加装防雷插座", 60m, 25m), ("更换加长排水管", 50m, 18m), ("安装挂架", 150m, 70m),
    ];

    private static readonly string[] Diagnoses = ["电容老化", "主板元件损坏", "传感器故障", "线路接触不良", "密封件老化", "电机轴承磨损", "控制板程序异常"];

    /// <summary>The work order (and follow-up call) a ticket's state implies, walked through the domain at the ticket's own times.</summary>
    private static (WorkOrder? WorkOrder, FollowUp? FollowUp) FieldWork(Faker faker, Ticket ticket, long ticketId, long workOrderId, DateTimeOffset now, WorkingCalendar calendar)
    {
        if (ticket.AssignedTechnicianId is not { } technician || ticket.AssignedAt is not { } assignedAt)
        {
            return (null, null);
        }

        var assignedDay = DateOnly.FromDateTime(assignedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var workOrder = WorkOrder.Create(ticketId, technician, calendar.NextWorkingDay(assignedDay.AddDays(-1)), faker.PickRandom<TimeSlot>(), assignedAt, "dispatch1");
        if (ticket.Status == TicketStatus.Assigned)
        {
            if (faker.Random.Bool())
            {
                workOrder.Accept(assignedAt.AddMinutes(30));
            }

            return (workOrder, null);
        }

        var started = ticket.StartedAt ?? assignedAt.AddHours(2);
        workOrder.Accept(assignedAt.AddMinutes(30));
        var complete = faker.Random.Double() > 0.05;
        workOrder.Arrive(started, complete, complete ? null : "外壳有划痕，已告知客户");
        workOrder.Diagnose(faker.PickRandom(Diagnoses), false, started.AddMinutes(30));
        var startDay = DateOnly.FromDateTime(started.ToOffset(TimeSpan.FromHours(8)).DateTime);
        if (faker.Random.Double() < 0.7)
        {
            workOrder.AddPart(new PartLine("P-" + faker.Random.Int(1000, 9999), faker.PickRandom("压缩机电容", "温控器", "排水泵", "主控板", "传感器", "密封圈"), 1, faker.Random.Int(20, 600), faker.Random.Bool(0.8f)));
            workOrder.StartPartsClock(startDay, calendar);
        }

        workOrder.RecordLabour(faker.Random.Int(2, 8) / 2m, 80m, faker.Random.Bool() ? faker.Random.Int(10, 60) : 0, "交通费");
        if (ticket.Status == TicketStatus.InProgress || ticket.CompletedAt is not { } completedAt)
        {
            return (workOrder, null);
        }

        // About one completed visit in twelve also sold something on site (art. 30 commission in the demo).
        if (faker.Random.Double() < 0.08)
        {
            var (service, charge, cost) = faker.PickRandom(ExtraServices);
            workOrder.AddExtraService(service, charge, cost);
        }

        workOrder.Complete(faker.Name.LastName() + faker.PickRandom("先生", "女士"), SignatureImage.Create(faker.Random.Int()), faker.PickRandom(Opinions), completedAt);
        var completedDay = DateOnly.FromDateTime(completedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
        if (completedAt.AddDays(1) < now && faker.Random.Double() < 0.95)
        {
            workOrder.HandIn(completedAt.AddHours(faker.Random.Double(2, 20)), faker.PickRandom("desk1", "desk2", "desk3"));
        }

        var followUp = FollowUp.ForCompletedRepair(ticketId, workOrderId, technician, completedDay, calendar);
        if (ticket.Status == TicketStatus.Closed)
        {
            var day = followUp.DueOn;
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
            while (at < now && followUp.Status == FollowUpStatus.Pending)
            {
                if (faker.Random.Double() < 0.15)
                {
                    followUp.RecordNoAnswer(at, day, "desk1", calendar);
                    day = followUp.DueOn;
                    at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
                    continue;
                }

                Satisfaction Score() => faker.Random.WeightedRandom([Satisfaction.Excellent, Satisfaction.Good, Satisfaction.Average], [0.5f, 0.4f, 0.1f]);
                followUp.RecordReached(at, day, "desk1", Score(), Score(), Score(), Score(), faker.PickRandom(Opinions));
            }
        }

        return (workOrder, followUp);
    }

    /// <summary>
    /// A ledger entry for every complaint ticket: a fault category from the model's family, the class the
    /// advisor proposes against the complaints before it (so recurring and batch problems show up), mostly
    /// confirmed by quality, and handling as far along as the complaint's age allows.
    /// </summary>
    private static void ComplaintLedger(Faker faker, List<Seeded> batch, Dictionary<long, ProductModel> models, List<string> deskIds, List<string> qualityIds, DateTimeOffset now)
    {
        if (deskIds.Count == 0)
        {
            return;
        }

        var settings = new ClassificationSettings();
        var earlier = new Dictionary<(long?, string), List<ComplaintFact>>();
        foreach (var row in batch.Where(r => r.Ticket.Kind == TicketKind.Complaint).OrderBy(r => r.Ticket.CreatedAt))
        {
            var t = row.Ticket;
            var category = t.ProductModelId is { } m && models.TryGetValue(m, out var model) ? model.Category?.Code ?? "AC" : "AC";
            // The last month has a cluster of one fault per family, so the advisor finds recurring and batch problems.
            var faults = Faults.GetValueOrDefault(category, Faults["AC"]);
            var fault = now - t.CreatedAt < TimeSpan.FromDays(30) && faker.Random.Double() < 0.7 ? faults[0] : faker.PickRandom(faults.Take(3).ToArray());
            var complaint = Complaint.Record(row.TicketId, ComplaintSource.Intake, t.Channel, t.CustomerId, t.UnitId, t.ProductModelId, null, fault,
                t.FaultDescription + "（" + fault + "）", faker.PickRandom("尽快上门", "要求换货", "要求退还维修费", "要求道歉", null!), faker.PickRandom(deskIds), faker.PickRandom(deskIds), t.CreatedAt);
            var day = DateOnly.FromDateTime(t.CreatedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var key = (t.ProductModelId, fault);
            var group = earlier.TryGetValue(key, out var list) ? list : earlier[key] = [];
            var proposal = ClassificationAdvisor.Propose(new ComplaintFact(row.ComplaintId, t.ProductModelId, fault, null, day, false), group, settings);
            complaint.SetProposal(proposal.Class, MessageText.Encode(proposal.Evidence));
            group.Add(new ComplaintFact(row.ComplaintId, t.ProductModelId, fault, null, day, false));
            var age = now - t.CreatedAt;
            if (qualityIds.Count > 0 && age > TimeSpan.FromDays(1) && faker.Random.Double() < 0.9)
            {
                complaint.Classify(faker.Random.Double() < 0.9 ? proposal.Class : faker.PickRandom<QualityClass>(), faker.PickRandom(qualityIds), t.CreatedAt.AddHours(20));
            }

            if (age > TimeSpan.FromDays(1))
            {
                complaint.InformQuality(t.CreatedAt.AddHours(2));
                if (age > TimeSpan.FromDays(3))
                {
                    complaint.ProposeSolution(faker.PickRandom("安排主管上门复查", "更换配件并延长保修", "退还部分维修费", "电话致歉并回访"));
                    complaint.Agree(faker.Random.Bool());
                    if (age > TimeSpan.FromDays(7))
                    {
                        complaint.Resolve(faker.PickRandom("客户满意，已签字确认", "已修复，客户接受", "已退款，客户接受"), t.CreatedAt.AddDays(faker.Random.Int(3, 7)));
                    }
                }
            }

            row.Complaint = complaint;
        }
    }

    private static readonly (string, NpgsqlDbType)[] TicketColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("number", NpgsqlDbType.Varchar), ("customer_id", NpgsqlDbType.Bigint), ("unit_id", NpgsqlDbType.Bigint),
        ("product_model_id", NpgsqlDbType.Bigint), ("channel", NpgsqlDbType.Varchar), ("kind", NpgsqlDbType.Varchar), ("urgency", NpgsqlDbType.Varchar),
        ("service_mode", NpgsqlDbType.Varchar), ("fault_description", NpgsqlDbType.Varchar), ("preferred_time", NpgsqlDbType.Varchar),
        ("estimated_amount", NpgsqlDbType.Numeric), ("status", NpgsqlDbType.Varchar), ("warranty_status", NpgsqlDbType.Varchar),
        ("warranty_expires_on", NpgsqlDbType.Date), ("warranty_decided_on", NpgsqlDbType.Date), ("created_at", NpgsqlDbType.TimestampTz),
        ("created_by", NpgsqlDbType.Varchar), ("resolution", NpgsqlDbType.Varchar), ("resolved_by", NpgsqlDbType.Varchar),
        ("cancellation_reason", NpgsqlDbType.Varchar), ("quote_total", NpgsqlDbType.Numeric), ("quoted_at", NpgsqlDbType.TimestampTz),
        ("quoted_by", NpgsqlDbType.Varchar), ("consent", NpgsqlDbType.Jsonb), ("assigned_technician_id", NpgsqlDbType.Varchar),
        ("assigned_at", NpgsqlDbType.TimestampTz), ("started_at", NpgsqlDbType.TimestampTz), ("completed_at", NpgsqlDbType.TimestampTz),
        ("closed_at", NpgsqlDbType.TimestampTz), ("quote_lines", NpgsqlDbType.Jsonb), ("warranty_reasons", NpgsqlDbType.Jsonb),
    ];

    private static readonly (string, NpgsqlDbType)[] WorkOrderColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("ticket_id", NpgsqlDbType.Bigint), ("technician_id", NpgsqlDbType.Varchar), ("status", NpgsqlDbType.Varchar),
        ("appointment_date", NpgsqlDbType.Date), ("appointment_slot", NpgsqlDbType.Varchar), ("assigned_at", NpgsqlDbType.TimestampTz),
        ("assigned_by", NpgsqlDbType.Varchar), ("accepted_at", NpgsqlDbType.TimestampTz), ("arrived_at", NpgsqlDbType.TimestampTz),
        ("unit_complete", NpgsqlDbType.Boolean), ("arrival_note", NpgsqlDbType.Varchar), ("diagnosis", NpgsqlDbType.Varchar),
        ("human_damage", NpgsqlDbType.Boolean), ("diagnosed_at", NpgsqlDbType.TimestampTz), ("labour_hours", NpgsqlDbType.Numeric),
        ("hourly_rate", NpgsqlDbType.Numeric), ("travel_cost", NpgsqlDbType.Numeric), ("travel_note", NpgsqlDbType.Varchar),
        ("customer_name", NpgsqlDbType.Varchar), ("signature", NpgsqlDbType.Bytea), ("customer_opinion", NpgsqlDbType.Varchar),
        ("completed_at", NpgsqlDbType.TimestampTz), ("handed_in_at", NpgsqlDbType.TimestampTz), ("handed_in_to", NpgsqlDbType.Varchar),
        ("clock_kind", NpgsqlDbType.Varchar), ("clock_started_on", NpgsqlDbType.Date), ("clock_working_days", NpgsqlDbType.Integer),
        ("original_deadline", NpgsqlDbType.Date), ("deadline", NpgsqlDbType.Date), ("appointment_changes", NpgsqlDbType.Jsonb),
        ("clock_extensions", NpgsqlDbType.Jsonb), ("parts", NpgsqlDbType.Jsonb), ("extra_services", NpgsqlDbType.Jsonb),
    ];

    private static readonly (string, NpgsqlDbType)[] ComplaintColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("ticket_id", NpgsqlDbType.Bigint), ("source", NpgsqlDbType.Varchar), ("channel", NpgsqlDbType.Varchar),
        ("customer_id", NpgsqlDbType.Bigint), ("unit_id", NpgsqlDbType.Bigint), ("product_model_id", NpgsqlDbType.Bigint), ("fault_category", NpgsqlDbType.Varchar),
        ("summary", NpgsqlDbType.Varchar), ("customer_wants", NpgsqlDbType.Varchar), ("handler_id", NpgsqlDbType.Varchar), ("recorded_by", NpgsqlDbType.Varchar),
        ("recorded_at", NpgsqlDbType.TimestampTz), ("stage", NpgsqlDbType.Varchar), ("quality_informed_at", NpgsqlDbType.TimestampTz),
        ("solution", NpgsqlDbType.Varchar), ("person_sent", NpgsqlDbType.Boolean), ("result", NpgsqlDbType.Varchar), ("resolved_at", NpgsqlDbType.TimestampTz),
        ("proposed_class", NpgsqlDbType.Varchar), ("proposal_evidence", NpgsqlDbType.Varchar), ("class", NpgsqlDbType.Varchar),
        ("classified_by", NpgsqlDbType.Varchar), ("classified_at", NpgsqlDbType.TimestampTz),
    ];

    private static readonly (string, NpgsqlDbType)[] FollowUpColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("ticket_id", NpgsqlDbType.Bigint), ("work_order_id", NpgsqlDbType.Bigint), ("technician_id", NpgsqlDbType.Varchar),
        ("due_on", NpgsqlDbType.Date), ("status", NpgsqlDbType.Varchar), ("attitude", NpgsqlDbType.Varchar), ("competence", NpgsqlDbType.Varchar),
        ("speed", NpgsqlDbType.Varchar), ("result", NpgsqlDbType.Varchar), ("comment", NpgsqlDbType.Varchar), ("done_at", NpgsqlDbType.TimestampTz),
        ("attempts", NpgsqlDbType.Jsonb),
    ];

    private static async Task WriteAsync(NpgsqlConnection connection, List<Seeded> rows, CancellationToken cancellationToken)
    {
        await BulkCopy.WriteAsync(connection, "tickets", TicketColumns, rows, r => [
            r.TicketId, r.Ticket.Number, r.Ticket.CustomerId, r.Ticket.UnitId, r.Ticket.ProductModelId, r.Ticket.Channel.ToString(), r.Ticket.Kind.ToString(),
            r.Ticket.Urgency.ToString(), r.Ticket.ServiceMode.ToString(), r.Ticket.FaultDescription, r.Ticket.PreferredTime, r.Ticket.EstimatedAmount,
            r.Ticket.Status.ToString(), r.Ticket.WarrantyStatus.ToString(), r.Ticket.WarrantyExpiresOn, r.Ticket.WarrantyDecidedOn, r.Ticket.CreatedAt,
            r.Ticket.CreatedBy, r.Ticket.Resolution, r.Ticket.ResolvedBy, r.Ticket.CancellationReason, r.Ticket.QuoteTotal, r.Ticket.QuotedAt,
            r.Ticket.QuotedBy, r.Ticket.Consent is null ? null : StoredJson.Serialize(r.Ticket.Consent), r.Ticket.AssignedTechnicianId,
            r.Ticket.AssignedAt, r.Ticket.StartedAt, r.Ticket.CompletedAt, r.Ticket.ClosedAt,
            StoredJson.Serialize(r.Ticket.QuoteLines.ToList()), StoredJson.Serialize(r.Ticket.WarrantyReasons.ToList()),
        ], cancellationToken);
        await BulkCopy.WriteAsync(connection, "work_orders", WorkOrderColumns, rows.Where(r => r.WorkOrder is not null), r => [
            r.WorkOrderId, r.TicketId, r.WorkOrder!.TechnicianId, r.WorkOrder.Status.ToString(), r.WorkOrder.AppointmentDate, r.WorkOrder.AppointmentSlot.ToString(),
            r.WorkOrder.AssignedAt, r.WorkOrder.AssignedBy, r.WorkOrder.AcceptedAt, r.WorkOrder.ArrivedAt, r.WorkOrder.UnitComplete, r.WorkOrder.ArrivalNote,
            r.WorkOrder.Diagnosis, r.WorkOrder.HumanDamage, r.WorkOrder.DiagnosedAt, r.WorkOrder.LabourHours, r.WorkOrder.HourlyRate, r.WorkOrder.TravelCost,
            r.WorkOrder.TravelNote, r.WorkOrder.CustomerName, r.WorkOrder.Signature, r.WorkOrder.CustomerOpinion, r.WorkOrder.CompletedAt,
            r.WorkOrder.HandedInAt, r.WorkOrder.HandedInTo, r.WorkOrder.ClockKind?.ToString(), r.WorkOrder.ClockStartedOn, r.WorkOrder.ClockWorkingDays,
            r.WorkOrder.OriginalDeadline, r.WorkOrder.Deadline, StoredJson.Serialize(r.WorkOrder.AppointmentChanges.ToList()),
            StoredJson.Serialize(r.WorkOrder.Extensions.ToList()), StoredJson.Serialize(r.WorkOrder.Parts.ToList()),
            StoredJson.Serialize(r.WorkOrder.ExtraServices.ToList()),
        ], cancellationToken);
        await BulkCopy.WriteAsync(connection, "complaints", ComplaintColumns, rows.Where(r => r.Complaint is not null), r => [
            r.ComplaintId, r.TicketId, r.Complaint!.Source.ToString(), r.Complaint.Channel.ToString(), r.Complaint.CustomerId, r.Complaint.UnitId, r.Complaint.ProductModelId,
            r.Complaint.FaultCategory, r.Complaint.Summary, r.Complaint.CustomerWants, r.Complaint.HandlerId, r.Complaint.RecordedBy, r.Complaint.RecordedAt,
            r.Complaint.Stage.ToString(), r.Complaint.QualityInformedAt, r.Complaint.Solution, r.Complaint.PersonSent, r.Complaint.Result, r.Complaint.ResolvedAt,
            r.Complaint.ProposedClass?.ToString(), r.Complaint.ProposalEvidence, r.Complaint.Class?.ToString(), r.Complaint.ClassifiedBy, r.Complaint.ClassifiedAt,
        ], cancellationToken);
        await BulkCopy.WriteAsync(connection, "follow_ups", FollowUpColumns, rows.Where(r => r.FollowUp is not null), r => [
            r.FollowUpId, r.TicketId, r.WorkOrderId, r.FollowUp!.TechnicianId, r.FollowUp.DueOn, r.FollowUp.Status.ToString(), r.FollowUp.Attitude?.ToString(),
            r.FollowUp.Competence?.ToString(), r.FollowUp.Speed?.ToString(), r.FollowUp.Result?.ToString(), r.FollowUp.Comment, r.FollowUp.DoneAt,
            StoredJson.Serialize(r.FollowUp.Attempts.ToList()),
        ], cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
