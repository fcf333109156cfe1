namespace AmoHealth.Tests.Infrastructure;

public static class MattermostInbox
{
    /// <summary>The texts of the posts, oldest first.</summary>
    public static async Task<List<string>> TextsAsync(HttpClient control) =>
        (await (await control.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()
            .Select(m => m.GetProperty("payload").GetProperty("text").GetString()!)
            .ToList();
}
