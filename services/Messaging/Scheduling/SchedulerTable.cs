using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>The scheduler's statements, against the table name the service's model maps (<c>AddSchedulerTable</c>).</summary>
internal sealed class SchedulerTable
{
    private const string Columns =
        "token_id, due_time, destination, message_type, payload, headers, message_id, request_id, conversation_id, " +
        "initiator_id, source_address, response_address, fault_address, expiration_time, cancelled, created_at";

    private static readonly ConcurrentDictionary<IModel, SchedulerTable> Tables = new();

    private SchedulerTable(IEntityType entityType)
    {
        var name = entityType.GetTableName()!;
        var table = entityType.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(name)}" : Quote(name);

        InsertSql = $"INSERT INTO {table} ({Columns}) VALUES (@token_id, @due_time, @destination, @message_type, @payload, @headers, " +
                    "@message_id, @request_id, @conversation_id, @initiator_id, @source_address, @response_address, @fault_address, " +
                    "@expiration_time, @cancelled, @created_at) ON CONFLICT (token_id) DO NOTHING";
        CancelSql = $"DELETE FROM {table} WHERE token_id = @token_id AND NOT cancelled";
        SelectDueSql = $"SELECT * FROM {table} WHERE due_time <= {{0}} ORDER BY due_time LIMIT {{1}} FOR UPDATE SKIP LOCKED";
        DeleteSql = $"DELETE FROM {table} WHERE token_id = ANY(@token_ids)";
    }

    public string InsertSql { get; }
    public string CancelSql { get; }

    /// <summary>A <c>FromSqlRaw</c> query: {0} now, {1} the batch size. Rows another dispatcher holds are skipped, not waited for.</summary>
    public string SelectDueSql { get; }

    public string DeleteSql { get; }

    public static SchedulerTable For(DbContext context) =>
        Tables.GetOrAdd(context.Model, model => new SchedulerTable(
            model.FindEntityType(typeof(ScheduledMessageRow))
            ?? throw new InvalidOperationException($"The scheduler table is not in the model of {context.GetType().Name}: call modelBuilder.AddSchedulerTable() in OnModelCreating.")));

    public static NpgsqlParameter[] InsertParameters(ScheduledMessageRow row) =>
    [
        new("token_id", NpgsqlDbType.Uuid) { Value = row.TokenId },
        new("due_time", NpgsqlDbType.TimestampTz) { Value = row.DueTime },
        new("destination", NpgsqlDbType.Text) { Value = row.Destination },
        new("message_type", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = row.MessageType },
        new("payload", NpgsqlDbType.Text) { Value = row.Payload },
        new("headers", NpgsqlDbType.Text) { Value = (object?)row.Headers ?? DBNull.Value },
        new("message_id", NpgsqlDbType.Uuid) { Value = (object?)row.MessageId ?? DBNull.Value },
        new("request_id", NpgsqlDbType.Uuid) { Value = (object?)row.RequestId ?? DBNull.Value },
        new("conversation_id", NpgsqlDbType.Uuid) { Value = (object?)row.ConversationId ?? DBNull.Value },
        new("initiator_id", NpgsqlDbType.Uuid) { Value = (object?)row.InitiatorId ?? DBNull.Value },
        new("source_address", NpgsqlDbType.Text) { Value = (object?)row.SourceAddress ?? DBNull.Value },
        new("response_address", NpgsqlDbType.Text) { Value = (object?)row.ResponseAddress ?? DBNull.Value },
        new("fault_address", NpgsqlDbType.Text) { Value = (object?)row.FaultAddress ?? DBNull.Value },
        new("expiration_time", NpgsqlDbType.TimestampTz) { Value = (object?)row.ExpirationTime ?? DBNull.Value },
        new("cancelled", NpgsqlDbType.Boolean) { Value = row.Cancelled },
        new("created_at", NpgsqlDbType.TimestampTz) { Value = row.CreatedAt },
    ];

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
