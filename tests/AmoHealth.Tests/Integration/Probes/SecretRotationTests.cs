using System.Net;
using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>Rotating the receiver's secret: the old one works for a while, so nothing alerts meanwhile.</summary>
[Trait("Ring", "Integration")]
public sealed class SecretRotationTests
{
    private const string Previous = "previoussecret0123456789";

    [Fact]
    public async Task ThePreviousSecretIsAcceptedWhileRotatingAndHookRemovesItsOldSubscription()
    {
        await using var rig = await ProberRig.StartAsync(o => o.HookSecretPrevious = Previous);
        var oldUrl = rig.Options.PreviousReceiverUrl("rig")!;
        // What the account held before the rotation: our subscription with the old secret.
        using (var subscribed = await rig.Control.PostJsonAsync("/api/v4/webhooks",
            $$"""{"destination":"{{oldUrl}}","settings":["update_lead"]}"""))
        {
            subscribed.EnsureSuccessStatusCode();
        }

        using var http = new HttpClient();
        using var old = await http.PostAsync(oldUrl, new FormUrlEncodedContent(AmoForms.Update(3, customFields: 20)));
        using var oldDp =
            await http.PostAsync(oldUrl + "&probe=dp", new FormUrlEncodedContent(AmoForms.Moves(1, 7000101, 7000102)));
        using var wrong =
            await http.PostAsync(new Uri(rig.Receiver.BaseUri, "/hooks/amocrm/previoussecret0123456780"),
                new FormUrlEncodedContent([]));
        var hook = await rig.Hook.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound),
            (old.StatusCode, oldDp.StatusCode, wrong.StatusCode));
        Assert.True(hook.Outcome == Outcome.Up, hook.ErrorMessage);
        Assert.False(rig.Simulator.Account.Webhooks.ContainsKey(oldUrl),
            "the subscription to the old secret is still there");
        Assert.True(rig.Simulator.Account.Webhooks.ContainsKey(rig.Options.ReceiverUrl("rig")));
    }
}
