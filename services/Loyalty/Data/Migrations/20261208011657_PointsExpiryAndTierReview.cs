using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Loyalty.Data.Migrations
{
    /// <inheritdoc />
    public partial class PointsExpiryAndTierReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "returned_at",
                table: "reward_codes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_expiry_check_at",
                table: "loyalty_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "loyalty_members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "tier_review_at",
                table: "loyalty_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "loyalty_expiry_warnings",
                columns: table => new
                {
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loyalty_expiry_warnings", x => x.lot_id);
                    table.ForeignKey(
                        name: "FK_loyalty_expiry_warnings_loyalty_members_member_id",
                        column: x => x.member_id,
                        principalTable: "loyalty_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reward_codes_expires_at",
                table: "reward_codes",
                column: "expires_at",
                filter: "used_for_order_id IS NULL AND returned_at IS NULL AND cost > 0");

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_members_next_expiry_check_at",
                table: "loyalty_members",
                column: "next_expiry_check_at",
                filter: "balance > 0");

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_members_tier_review_at",
                table: "loyalty_members",
                column: "tier_review_at",
                filter: "tier IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_expiry_warnings_member_id",
                table: "loyalty_expiry_warnings",
                column: "member_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loyalty_expiry_warnings");

            migrationBuilder.DropIndex(
                name: "IX_reward_codes_expires_at",
                table: "reward_codes");

            migrationBuilder.DropIndex(
                name: "IX_loyalty_members_next_expiry_check_at",
                table: "loyalty_members");

            migrationBuilder.DropIndex(
                name: "IX_loyalty_members_tier_review_at",
                table: "loyalty_members");

            migrationBuilder.DropColumn(
                name: "returned_at",
                table: "reward_codes");

            migrationBuilder.DropColumn(
                name: "next_expiry_check_at",
                table: "loyalty_members");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "loyalty_members");

            migrationBuilder.DropColumn(
                name: "tier_review_at",
                table: "loyalty_members");
        }
    }
}
