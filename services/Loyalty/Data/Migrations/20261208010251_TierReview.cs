using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Loyalty.Data.Migrations
{
    /// <inheritdoc />
    public partial class TierReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_members_tier_review_at",
                table: "loyalty_members",
                column: "tier_review_at",
                filter: "tier IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_loyalty_members_tier_review_at",
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
