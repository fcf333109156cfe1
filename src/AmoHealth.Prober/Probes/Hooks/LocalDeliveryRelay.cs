namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>One Prober (SQLite, or no Redis): every waiting check is here, so there is no one to pass a delivery
/// to.</summary>
public sealed class LocalDeliveryRelay : IDeliveryRelay
{
    public void Share(Delivery delivery)
    {
    }
}
