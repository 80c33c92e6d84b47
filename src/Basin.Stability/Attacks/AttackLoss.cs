namespace Basin.Stability.Attacks;

/// <summary>Loss maximised by the gradient attacks.</summary>
public enum AttackLoss
{
    /// <summary>Cross-entropy of the scores taken as logits.</summary>
    CrossEntropy,
    /// <summary>Margin max_{j≠y} s_j − s_y (the C&amp;W / AutoAttack DLR-style margin, unscaled): positive ⇔ misclassified.</summary>
    Margin,
    /// <summary>
    /// Difference of logits ratio (Croce &amp; Hein 2020, eq. 6): −(s_y − max_{i≠y} s_i)/(s_π1 − s_π3 + 10⁻¹²), π the scores
    /// sorted in decreasing order; positive ⇔ misclassified, invariant to shifts and positive rescalings of the scores.
    /// </summary>
    Dlr,
}

/// <summary>Norm of a perturbation budget.</summary>
public enum Norm
{
    /// <summary>max |δᵢ|.</summary>
    LInf,
    /// <summary>√Σ δᵢ².</summary>
    L2,
}
