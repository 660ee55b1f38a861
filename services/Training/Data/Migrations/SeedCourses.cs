using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Training.Data.Migrations;

/// <summary>
/// The platform's own initial and advanced courses, published as version 1 with their well-known ids
/// (<see cref="SeedCourses"/>). Later content changes are new versions (authoring API or a new migration),
/// never edits of this one: enrollments pin version 1.
/// </summary>
[DbContext(typeof(TrainingDbContext))]
[Migration("20261123103924_SeedCourses")]
public sealed class SeedCourses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        Insert(migrationBuilder, Training.SeedCourses.InitialCourseId, Contracts.Training.CourseLevels.Initial, InitialCourse.Title, InitialCourse.Description, InitialCourse.Content);
        Insert(migrationBuilder, Training.SeedCourses.AdvancedCourseId, Contracts.Training.CourseLevels.Advanced, AdvancedCourse.Title, AdvancedCourse.Description, AdvancedCourse.Content);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var id in new[] { Training.SeedCourses.InitialCourseId, Training.SeedCourses.AdvancedCourseId })
        {
            migrationBuilder.DeleteData("course_versions", ["course_id", "version"], ["uuid", "integer"], [id, Training.SeedCourses.Version]);
            migrationBuilder.DeleteData("courses", "id", "uuid", id);
        }
    }

    private static void Insert(MigrationBuilder migrationBuilder, Guid id, string level, string title, string description, CourseContent content)
    {
        var at = Training.SeedCourses.PublishedAt;
        migrationBuilder.InsertData("courses", ["id", "level", "created_at"], ["uuid", "character varying(20)", "timestamp with time zone"], [id, level, at]);
        migrationBuilder.InsertData("course_versions",
            ["course_id", "version", "status", "title", "description", "content", "created_at", "published_at"],
            ["uuid", "integer", "character varying(20)", "character varying(200)", "text", "jsonb", "timestamp with time zone", "timestamp with time zone"],
            [id, Training.SeedCourses.Version, CourseVersionStatus.Published, title, description, JsonSerializer.Serialize(content, JsonColumn.Options), at, at]);
    }
}
