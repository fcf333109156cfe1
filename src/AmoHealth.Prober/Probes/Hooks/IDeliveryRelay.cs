namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Passes a webhook delivery that no check on this Prober was waiting for to the other Probers: amoCRM
/// delivers through Nginx to whichever Prober it lands on, not necessarily the one whose check is waiting.
/// </summary>
public interface IDeliveryRelay
{
    void Share(Delivery delivery);
}
