using CustomerPlatform.Messaging.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Messaging;

public static class SchedulerModelBuilderExtensions
{
    public const string DefaultTable = "scheduled_message";

    /// <summary>
    /// Maps the durable scheduler's table into the service's own DbContext (the one passed to
    /// <c>AddPostgresMessageScheduler&lt;TDbContext&gt;</c>). The service's migration creates it:
    /// <see cref="CreateSchedulerTable"/> in a hand-written migration, or whatever <c>dotnet ef</c> generates.
    /// </summary>
    public static EntityTypeBuilder<ScheduledMessageRow> AddSchedulerTable(this ModelBuilder modelBuilder, string table = DefaultTable, string? schema = null)
    {
        var entity = modelBuilder.Entity<ScheduledMessageRow>();
        entity.ToTable(table, schema);
        entity.HasKey(r => r.TokenId);
        entity.Property(r => r.TokenId).HasColumnName("token_id").ValueGeneratedNever();
        entity.Property(r => r.DueTime).HasColumnName("due_time").HasColumnType("timestamp with time zone");
        entity.Property(r => r.Destination).HasColumnName("destination");
        entity.Property(r => r.MessageType).HasColumnName("message_type").HasColumnType("text[]");
        entity.Property(r => r.Payload).HasColumnName("payload");
        entity.Property(r => r.Headers).HasColumnName("headers");
        entity.Property(r => r.MessageId).HasColumnName("message_id");
        entity.Property(r => r.RequestId).HasColumnName("request_id");
        entity.Property(r => r.ConversationId).HasColumnName("conversation_id");
        entity.Property(r => r.InitiatorId).HasColumnName("initiator_id");
        entity.Property(r => r.SourceAddress).HasColumnName("source_address");
        entity.Property(r => r.ResponseAddress).HasColumnName("response_address");
        entity.Property(r => r.FaultAddress).HasColumnName("fault_address");
        entity.Property(r => r.ExpirationTime).HasColumnName("expiration_time").HasColumnType("timestamp with time zone");
        entity.Property(r => r.Cancelled).HasColumnName("cancelled");
        entity.Property(r => r.CreatedAt).HasColumnName("created_at").HasColumnType("timestamp with time zone");
        entity.HasIndex(r => r.DueTime).HasDatabaseName($"ix_{table}_due_time");
        return entity;
    }

    /// <summary>Creates the table <see cref="AddSchedulerTable"/> maps, for a hand-written migration's <c>Up</c>.</summary>
    public static void CreateSchedulerTable(this MigrationBuilder migrationBuilder, string table = DefaultTable, string? schema = null)
    {
        migrationBuilder.CreateTable(
            name: table,
            schema: schema,
            columns: t => new
            {
                token_id = t.Column<Guid>(type: "uuid", nullable: false),
                due_time = t.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                destination = t.Column<string>(type: "text", nullable: false),
                message_type = t.Column<string[]>(type: "text[]", nullable: false),
                payload = t.Column<string>(type: "text", nullable: false),
                headers = t.Column<string>(type: "text", nullable: true),
                message_id = t.Column<Guid>(type: "uuid", nullable: true),
                request_id = t.Column<Guid>(type: "uuid", nullable: true),
                conversation_id = t.Column<Guid>(type: "uuid", nullable: true),
                initiator_id = t.Column<Guid>(type: "uuid", nullable: true),
                source_address = t.Column<string>(type: "text", nullable: true),
                response_address = t.Column<string>(type: "text", nullable: true),
                fault_address = t.Column<string>(type: "text", nullable: true),
                expiration_time = t.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                cancelled = t.Column<bool>(type: "boolean", nullable: false),
                created_at = t.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey($"PK_{table}", x => x.token_id));

        migrationBuilder.CreateIndex(name: $"ix_{table}_due_time", table: table, schema: schema, column: "due_time");
    }

    public static void DropSchedulerTable(this MigrationBuilder migrationBuilder, string table = DefaultTable, string? schema = null) =>
        migrationBuilder.DropTable(name: table, schema: schema);
}
