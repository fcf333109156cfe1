namespace AmoHealth.Prober.Persistence;

public static class SchemaGateRegistration
{
    /// <summary>Moves every hosted service registered after <see cref="DatabaseInitializer"/> behind it: they are
    /// registered again under <see cref="SchemaGatedServices.Key"/> and started by <see cref="SchemaGatedServices"/>
    /// once the schema is current. Call after the Prober's registrations.</summary>
    public static IServiceCollection StartAfterSchema(this IServiceCollection services)
    {
        var initializer = services.ToList().FindIndex(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType == typeof(DatabaseInitializer));
        if (initializer < 0)
        {
            throw new InvalidOperationException($"{nameof(DatabaseInitializer)} is not registered.");
        }

        var held = services.Skip(initializer + 1).Where(d => d.ServiceType == typeof(IHostedService)
            && !d.IsKeyedService).ToList();
        foreach (var descriptor in held)
        {
            services.Remove(descriptor);
            services.Add(descriptor switch
            {
                { ImplementationInstance: { } instance } => new ServiceDescriptor(typeof(IHostedService),
                    SchemaGatedServices.Key, instance),
                { ImplementationFactory: { } factory } => new ServiceDescriptor(
                    typeof(IHostedService), SchemaGatedServices.Key, (sp, _) => factory(sp), descriptor.Lifetime),
                _ => new ServiceDescriptor(typeof(IHostedService), SchemaGatedServices.Key,
                    descriptor.ImplementationType!, descriptor.Lifetime),
            });
        }

        services.AddSingleton<SchemaGatedServices>();
        return services;
    }
}
