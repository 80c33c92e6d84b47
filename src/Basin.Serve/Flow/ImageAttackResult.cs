namespace Basin.Serve.Flow;

/// <summary>One image under one attack of the catalogue (the answer of <c>POST /api/attack</c>).</summary>
/// <param name="Attack">Catalogue name.</param>
/// <param name="Norm">linf or l2.</param>
/// <param name="Eps">The budget asked for (ignored by minimal-norm attacks).</param>
/// <param name="CleanClass">Class of the clean image under the attacked classifier.</param>
/// <param name="AdversarialClass">Class of the perturbed image.</param>
/// <param name="Flipped">The attack changed the class.</param>
/// <param name="Distance">‖x_adv − x‖ in the attack's norm.</param>
/// <param name="MinimalEps">Smallest budget at which the attack flips the class (bisection on ε, or the distance a minimal-norm attack found); null when even the largest budget does not flip it.</param>
/// <param name="Perturbation">x_adv − x.</param>
/// <param name="Adversarial">x_adv.</param>
/// <param name="Flow">Where x_adv flows.</param>
public sealed record ImageAttackResult(string Attack, string Norm, double Eps, int CleanClass, int AdversarialClass, bool Flipped, double Distance,
    double? MinimalEps, float[] Perturbation, float[] Adversarial, FlowResult Flow);
