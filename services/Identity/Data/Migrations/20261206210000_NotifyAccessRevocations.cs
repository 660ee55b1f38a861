using CustomerPlatform.Identity;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Identity.Data.Migrations
{
    /// <summary>
    /// Every new access revocation notifies the channel every Identity replica listens on
    /// (<see cref="AccessRevocationSignal"/>). A trigger, so no path that writes one can forget it, and PostgreSQL
    /// delivers the notification only when the row's transaction commits (ADR-015).
    /// </summary>
    [DbContext(typeof(IdentityDbContext))]
    [Migration("20261206210000_NotifyAccessRevocations")]
    public partial class NotifyAccessRevocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION notify_access_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{AccessRevocationSignal.Channel}', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER access_revocations_notify AFTER INSERT ON access_revocations
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_access_revocation();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER access_revocations_notify ON access_revocations;
                DROP FUNCTION notify_access_revocation();
                """);
        }
    }
}
