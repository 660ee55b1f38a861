using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueViewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The agent's queue views (TicketingDbContext): the queue's index keeps only queued tickets, and each branch of a
            // list gets an index per order it is read in.
            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_created",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_sla_due",
                table: "tickets",
                columns: new[] { "assignee_id", "sla_due_at" },
                filter: "sla_due_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "sla_breached", "queue" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_status_created",
                table: "tickets",
                columns: new[] { "assignee_id", "status", "created_at" },
                descending: new[] { false, false, true })
                .Annotation("Npgsql:IndexInclude", new[] { "queue" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_created",
                table: "tickets",
                columns: new[] { "queue", "created_at" },
                descending: new[] { false, true },
                filter: "queue IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_sla_due",
                table: "tickets",
                columns: new[] { "queue", "sla_due_at" },
                filter: "queue IS NOT NULL AND sla_due_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "sla_breached" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_status_created",
                table: "tickets",
                columns: new[] { "queue", "status", "created_at" },
                descending: new[] { false, false, true },
                filter: "queue IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "assignee_id" });

            // The queue holds new tickets, rarely others: estimating its pending ones at a tenth of it (the two columns taken
            // as independent) made PostgreSQL walk the whole queue for them. ANALYZE fills the statistics now, not after
            // the next tenth of the table has changed.
            migrationBuilder.Sql("CREATE STATISTICS st_tickets_queue_status (mcv) ON queue, status FROM tickets;");
            migrationBuilder.Sql("ANALYZE tickets;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP STATISTICS st_tickets_queue_status;");

            migrationBuilder.DropIndex(
                name: "ix_tickets_assignee_sla_due",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_assignee_status_created",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_created",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_sla_due",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_status_created",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_created",
                table: "tickets",
                columns: new[] { "queue", "created_at" },
                descending: new[] { false, true });
        }
    }
}
