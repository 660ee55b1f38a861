using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class RotateServerKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_server_keys",
                table: "server_keys");

            migrationBuilder.RenameColumn(
                name: "private_key_pem",
                table: "server_keys",
                newName: "private_key");

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "server_keys",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            // The keys made before rotation existed: each got an id above, and was active from its creation.
            migrationBuilder.Sql("ALTER TABLE server_keys ALTER COLUMN id DROP DEFAULT");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "active_from",
                table: "server_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql("UPDATE server_keys SET active_from = created_at");

            migrationBuilder.AddPrimaryKey(
                name: "PK_server_keys",
                table: "server_keys",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_server_keys_use_active_from",
                table: "server_keys",
                columns: new[] { "use", "active_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // One key per use again: the newest of each.
            migrationBuilder.Sql("DELETE FROM server_keys k WHERE EXISTS (SELECT 1 FROM server_keys n WHERE n.use = k.use AND n.active_from > k.active_from)");

            migrationBuilder.DropPrimaryKey(
                name: "PK_server_keys",
                table: "server_keys");

            migrationBuilder.DropIndex(
                name: "ix_server_keys_use_active_from",
                table: "server_keys");

            migrationBuilder.DropColumn(
                name: "id",
                table: "server_keys");

            migrationBuilder.DropColumn(
                name: "active_from",
                table: "server_keys");

            migrationBuilder.RenameColumn(
                name: "private_key",
                table: "server_keys",
                newName: "private_key_pem");

            migrationBuilder.AddPrimaryKey(
                name: "PK_server_keys",
                table: "server_keys",
                column: "use");
        }
    }
}
