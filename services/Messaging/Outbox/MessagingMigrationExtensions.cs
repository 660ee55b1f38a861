using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CustomerPlatform.Messaging;

/// <summary>The inbox and outbox tables of <see cref="MessagingModelBuilderExtensions.AddMessagingTables"/>, for a service's migration.</summary>
public static class MessagingMigrationExtensions
{
    public static void CreateMessagingTables(this MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "messaging_inbox",
            columns: table => new
            {
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                consumer_id = table.Column<Guid>(type: "uuid", nullable: false),
                received = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                receive_count = table.Column<int>(type: "integer", nullable: false),
                consumed = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                delivered = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                last_sequence_number = table.Column<long>(type: "bigint", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_messaging_inbox", x => new { x.message_id, x.consumer_id }));

        migrationBuilder.CreateIndex(name: "ix_messaging_inbox_delivered", table: "messaging_inbox", column: "delivered");

        migrationBuilder.CreateTable(
            name: "messaging_outbox",
            columns: table => new
            {
                sequence_number = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                inbox_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                inbox_consumer_id = table.Column<Guid>(type: "uuid", nullable: true),
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                correlation_id = table.Column<Guid>(type: "uuid", nullable: true),
                initiator_id = table.Column<Guid>(type: "uuid", nullable: true),
                request_id = table.Column<Guid>(type: "uuid", nullable: true),
                source_address = table.Column<string>(type: "text", nullable: true),
                destination_address = table.Column<string>(type: "text", nullable: false),
                response_address = table.Column<string>(type: "text", nullable: true),
                fault_address = table.Column<string>(type: "text", nullable: true),
                sent_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                enqueue_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                expiration_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                headers = table.Column<string>(type: "text", nullable: true),
                properties = table.Column<string>(type: "text", nullable: true),
                content_type = table.Column<string>(type: "text", nullable: false),
                message_type = table.Column<string>(type: "text", nullable: false),
                body = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_messaging_outbox", x => x.sequence_number));

        migrationBuilder.CreateIndex(
            name: "ix_messaging_outbox_inbox",
            table: "messaging_outbox",
            columns: ["inbox_message_id", "inbox_consumer_id", "sequence_number"]);
    }

    public static void DropMessagingTables(this MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "messaging_outbox");
        migrationBuilder.DropTable(name: "messaging_inbox");
    }
}
