using System.Text;

namespace Workforce.Data.Scheduling;

/// <summary>
/// The tables of Quartz's persistent, clustered job store (<c>qrtz_*</c>), created by the PostgreSQL
/// and SQL Server migrations so several app instances share one schedule. Column names and meanings
/// are Quartz.NET 4's (ADO job store); types are written per provider from one description.
/// SQLite uses the in-memory store and gets none of this.
/// </summary>
public static class QuartzStoreSchema
{
    /// <summary>Prefix of the tables (Quartz's <c>tablePrefix</c>).</summary>
    public const string TablePrefix = "qrtz_";

    private enum T { Name, LongText, Big, Int, Small, Bool, BoolFalse, Blob, Dec, Group }

    private sealed record Column(string Name, T Type, bool Null = false);

    private sealed record Table(string Name, Column[] Columns, string[] Key, string? Foreign = null);

    private static readonly Column[] TriggerKey = [new("sched_name", T.Name), new("trigger_name", T.Name), new("trigger_group", T.Name)];
    private const string TriggerFk = "FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE";

    private static readonly Table[] Tables =
    [
        new("job_details", [new("sched_name", T.Name), new("job_name", T.Name), new("job_group", T.Name), new("description", T.LongText, true),
            new("job_class_name", T.LongText), new("is_durable", T.Bool), new("is_nonconcurrent", T.Bool), new("is_update_data", T.Bool),
            new("requests_recovery", T.Bool), new("job_data", T.Blob, true)], ["sched_name", "job_name", "job_group"]),
        new("triggers", [.. TriggerKey, new("job_name", T.Name), new("job_group", T.Name), new("description", T.LongText, true),
            new("next_fire_time", T.Big, true), new("prev_fire_time", T.Big, true), new("priority", T.Int, true), new("trigger_state", T.Name),
            new("trigger_type", T.Name), new("start_time", T.Big), new("end_time", T.Big, true), new("calendar_name", T.Name, true),
            new("misfire_instr", T.Small, true), new("misfire_orig_fire_time", T.Big, true), new("execution_group", T.Group, true),
            new("preferred_node", T.Group, true), new("preferred_node_auto", T.BoolFalse), new("job_data", T.Blob, true)],
            ["sched_name", "trigger_name", "trigger_group"],
            "FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)"),
        new("simple_triggers", [.. TriggerKey, new("repeat_count", T.Big), new("repeat_interval", T.Big), new("times_triggered", T.Big)],
            ["sched_name", "trigger_name", "trigger_group"], TriggerFk),
        new("simprop_triggers", [.. TriggerKey, new("str_prop_1", T.LongText, true), new("str_prop_2", T.LongText, true), new("str_prop_3", T.LongText, true),
            new("int_prop_1", T.Int, true), new("int_prop_2", T.Int, true), new("long_prop_1", T.Big, true), new("long_prop_2", T.Big, true),
            new("dec_prop_1", T.Dec, true), new("dec_prop_2", T.Dec, true), new("bool_prop_1", T.Bool, true), new("bool_prop_2", T.Bool, true),
            new("time_zone_id", T.Name, true)], ["sched_name", "trigger_name", "trigger_group"], TriggerFk),
        new("cron_triggers", [.. TriggerKey, new("cron_expression", T.Name), new("time_zone_id", T.Name, true)],
            ["sched_name", "trigger_name", "trigger_group"], TriggerFk),
        new("blob_triggers", [.. TriggerKey, new("blob_data", T.Blob, true)], ["sched_name", "trigger_name", "trigger_group"], TriggerFk),
        new("calendars", [new("sched_name", T.Name), new("calendar_name", T.Name), new("calendar", T.Blob)], ["sched_name", "calendar_name"]),
        new("paused_trigger_grps", [new("sched_name", T.Name), new("trigger_group", T.Name)], ["sched_name", "trigger_group"]),
        new("fired_triggers", [new("sched_name", T.Name), new("entry_id", T.Name), new("trigger_name", T.Name), new("trigger_group", T.Name),
            new("instance_name", T.Name), new("fired_time", T.Big), new("sched_time", T.Big), new("priority", T.Int), new("state", T.Name),
            new("job_name", T.Name, true), new("job_group", T.Name, true), new("is_nonconcurrent", T.Bool), new("requests_recovery", T.Bool, true),
            new("execution_group", T.Group, true)], ["sched_name", "entry_id"]),
        new("scheduler_state", [new("sched_name", T.Name), new("instance_name", T.Name), new("last_checkin_time", T.Big), new("checkin_interval", T.Big)],
            ["sched_name", "instance_name"]),
        new("locks", [new("sched_name", T.Name), new("lock_name", T.Name)], ["sched_name", "lock_name"]),
    ];

    private static readonly (string Name, string Table, string Columns)[] Indexes =
    [
        ("j_req_recovery", "job_details", "sched_name, requests_recovery"),
        ("t_next_fire_time", "triggers", "sched_name, next_fire_time"),
        ("t_state", "triggers", "sched_name, trigger_state"),
        ("t_nft_st", "triggers", "sched_name, trigger_state, next_fire_time"),
        ("ft_trig_nm_gp", "fired_triggers", "sched_name, trigger_name, trigger_group"),
        ("ft_trig_inst_name", "fired_triggers", "sched_name, instance_name"),
        ("ft_job_req_recovery", "fired_triggers", "sched_name, requests_recovery"),
    ];

    /// <summary>DDL creating the tables on PostgreSQL.</summary>
    public static string PostgreSql => Create(t => t switch
    {
        T.Name or T.LongText => "TEXT",
        T.Big => "BIGINT",
        T.Int => "INTEGER",
        T.Small => "SMALLINT",
        T.Bool => "BOOL",
        T.BoolFalse => "BOOL NOT NULL DEFAULT FALSE",
        T.Blob => "BYTEA",
        T.Dec => "NUMERIC",
        _ => "VARCHAR(200)",
    });

    /// <summary>DDL creating the tables on SQL Server.</summary>
    public static string SqlServer => Create(t => t switch
    {
        T.Name => "NVARCHAR(200)",
        T.LongText => "NVARCHAR(512)",
        T.Big => "BIGINT",
        T.Int => "INT",
        T.Small => "SMALLINT",
        T.Bool => "BIT",
        T.BoolFalse => "BIT NOT NULL DEFAULT 0",
        T.Blob => "VARBINARY(MAX)",
        T.Dec => "NUMERIC(13, 4)",
        _ => "NVARCHAR(200)",
    });

    /// <summary>DDL dropping the tables (children first).</summary>
    public static string Drop => string.Concat(Tables.Reverse().Select(t => $"DROP TABLE {TablePrefix}{t.Name};\n"));

    private static string Create(Func<T, string> type)
    {
        var sb = new StringBuilder();
        foreach (var table in Tables)
        {
            sb.Append("CREATE TABLE ").Append(TablePrefix).Append(table.Name).Append(" (\n");
            foreach (var c in table.Columns)
            {
                var sql = type(c.Type);
                sb.Append("  ").Append(c.Name).Append(' ').Append(sql);
                if (c.Type != T.BoolFalse)
                {
                    sb.Append(c.Null ? " NULL" : " NOT NULL");
                }
                sb.Append(",\n");
            }
            sb.Append("  PRIMARY KEY (").AppendJoin(", ", table.Key).Append(')');
            if (table.Foreign is { } fk)
            {
                sb.Append(",\n  ").Append(fk);
            }
            sb.Append("\n);\n");
        }
        foreach (var (name, table, columns) in Indexes)
        {
            sb.Append("CREATE INDEX idx_").Append(TablePrefix).Append(name).Append(" ON ").Append(TablePrefix).Append(table)
                .Append(" (").Append(columns).Append(");\n");
        }
        return sb.ToString();
    }
}
