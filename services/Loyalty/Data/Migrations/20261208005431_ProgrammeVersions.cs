using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Loyalty.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "programme_version",
                table: "order_earnings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "programme_version",
                table: "ledger_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "loyalty_referrals",
                columns: table => new
                {
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    referrer_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rewarded_order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loyalty_referrals", x => x.email);
                    table.ForeignKey(
                        name: "FK_loyalty_referrals_loyalty_members_referrer_member_id",
                        column: x => x.referrer_member_id,
                        principalTable: "loyalty_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programme_versions",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "reward_stock",
                columns: table => new
                {
                    reward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    issued = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reward_stock", x => x.reward_id);
                });

            // A reward's stock counts every code it gave (ADR-037): those given before this migration too.
            migrationBuilder.Sql("INSERT INTO reward_stock (reward_id, issued) SELECT reward_id, count(*) FROM reward_codes GROUP BY reward_id;");

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_referrals_referrer_member_id",
                table: "loyalty_referrals",
                column: "referrer_member_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loyalty_referrals");

            migrationBuilder.DropTable(
                name: "programme_versions");

            migrationBuilder.DropTable(
                name: "reward_stock");

            migrationBuilder.DropColumn(
                name: "programme_version",
                table: "order_earnings");

            migrationBuilder.DropColumn(
                name: "programme_version",
                table: "ledger_entries");
        }
    }
}
