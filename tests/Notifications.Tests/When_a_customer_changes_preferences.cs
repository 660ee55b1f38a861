using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_a_customer_changes_preferences(NotificationsFixture fixture)
{
    [Fact]
    public async Task Should_start_from_the_defaults()
    {
        using var client = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        var preferences = await client.GetFromJsonAsync<Preferences>("/api/notifications/preferences");

        Assert.Equal(NotificationCategories.All.Select(c => c.Name), preferences!.Categories.Select(c => c.Category));
        var security = preferences.Categories.Single(c => c.Category == NotificationCategories.Security);
        Assert.True(security.Email);
        Assert.False(security.CanOptOut);
        Assert.True(preferences.Categories.Single(c => c.Category == NotificationCategories.Training).Email);
        Assert.False(preferences.Categories.Single(c => c.Category == NotificationCategories.Marketing).Email);
    }

    [Fact]
    public async Task Should_change_the_listed_categories_and_keep_the_others()
    {
        var customerId = Guid.NewGuid();
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        var response = await client.PutAsJsonAsync("/api/notifications/preferences", new
        {
            categories = new object[] { new { category = "training", email = false }, new { category = "marketing", email = true } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preferences = await client.GetFromJsonAsync<Preferences>("/api/notifications/preferences");
        Assert.False(preferences!.Categories.Single(c => c.Category == "training").Email);
        Assert.True(preferences.Categories.Single(c => c.Category == "marketing").Email);
        Assert.True(preferences.Categories.Single(c => c.Category == "support").Email);

        using var someoneElse = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        var theirs = await someoneElse.GetFromJsonAsync<Preferences>("/api/notifications/preferences");
        Assert.True(theirs!.Categories.Single(c => c.Category == "training").Email);
    }

    [Theory]
    [InlineData("""{"categories":[{"category":"training","email":false},{"category":"security","email":false}]}""", "categories[1].email")]
    [InlineData("""{"categories":[{"category":"training","email":false},{"category":"newsletters","email":false}]}""", "categories[1].category")]
    [InlineData("""{"categories":[{"category":"training"}]}""", "categories[0].email")]
    [InlineData("""{"categories":[{"category":"training","email":"no"}]}""", "categories[0].email")]
    [InlineData("""{"categories":[{"category":"training","email":false},{"category":"training","email":true}]}""", "categories[1].category")]
    [InlineData("""{"categories":{"training":false}}""", "categories")]
    [InlineData("""{"choices":[]}""", "categories")]
    [InlineData("""{"categories":[{"category":"training","email":false}""", "categories[1]")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    public async Task Should_answer_400_naming_the_field_and_change_nothing(string body, string field)
    {
        var customerId = Guid.NewGuid();
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        var response = await client.PutAsync("/api/notifications/preferences", new StringContent(body, Encoding.UTF8, "application/json"));

        await ApiAssert.BadRequestNamingAsync(response, field);
        var preferences = await client.GetFromJsonAsync<Preferences>("/api/notifications/preferences");
        Assert.True(preferences!.Categories.Single(c => c.Category == "training").Email);
    }
}
