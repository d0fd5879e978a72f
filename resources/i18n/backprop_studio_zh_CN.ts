<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autosave</name>
    <message>
        <source>Untitled lesson</source>
        <translation>未命名课程</translation>
    </message>
    <message>
        <source>the copy is damaged</source>
        <translation>副本已损坏</translation>
    </message>
    <message>
        <source>An automatically saved copy cannot be read:
%1</source>
        <translation>无法读取一个自动保存的副本：
%1</translation>
    </message>
    <message>
        <source>never saved to a file</source>
        <translation>从未保存到文件</translation>
    </message>
    <message>
        <source>Backprop Studio closed without saving “%1”.
File: %2
Saved automatically: %3</source>
        <translation>反向传播工作室上次关闭时未保存“%1”。
文件：%2
自动保存于：%3</translation>
    </message>
    <message>
        <source>Copy %1 of %2.</source>
        <translation>第 %1 个副本，共 %2 个。</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>“Later” keeps the copy for the next start.</source>
        <translation>选择“稍后”会保留该副本，下次启动时再询问。</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>BoundaryView</name>
    <message>
        <source>The decision boundary is drawn for data with one or two inputs.</source>
        <translation>决策边界只对一个或两个输入的数据绘制。</translation>
    </message>
    <message>
        <source>Hidden layer %1, neuron %2: its activation a over the plane (blue low, white middle, orange high)</source>
        <translation>隐藏层 %1 的神经元 %2：它在平面上的激活值 a（蓝色低、白色居中、橙色高）</translation>
    </message>
    <message>
        <source>Most likely class at each point, paler where the network is unsure. Filled dots: training data; rings: test data.</source>
        <translation>每个点上最可能的类别，网络不确定的地方颜色较浅。实心点：训练数据；圆环：测试数据。</translation>
    </message>
    <message>
        <source>Network output ŷ: blue near 0, white at 0.5, orange near 1. Filled dots: training data; rings: test data.</source>
        <translation>网络输出 ŷ：接近 0 为蓝色，0.5 为白色，接近 1 为橙色。实心点：训练数据；圆环：测试数据。</translation>
    </message>
    <message>
        <source>Network output ŷ from %1 (blue) to %2 (orange). Filled dots: training data; rings: test data.</source>
        <translation>网络输出 ŷ 从 %1（蓝色）到 %2（橙色）。实心点：训练数据；圆环：测试数据。</translation>
    </message>
    <message>
        <source>Hidden layer %1, neuron %2: its activation a over the input x (dashed line). Filled dots: training data; rings: test data.</source>
        <translation>隐藏层 %1 的神经元 %2：它在输入 x 上的激活值 a（虚线）。实心点：训练数据；圆环：测试数据。</translation>
    </message>
    <message>
        <source>The fitted curve: the network's output ŷ over the input x. Filled dots: training data; rings: test data.</source>
        <translation>拟合曲线：网络输出 ŷ 随输入 x 的变化。实心点：训练数据；圆环：测试数据。</translation>
    </message>
    <message>
        <source>The curve lies outside the plot: its values are far from the data's.</source>
        <translation>曲线在图外：它的值与数据相差很远。</translation>
    </message>
    <message>
        <source>Showing %1 of %2 points.</source>
        <translation>显示 %2 个点中的 %1 个。</translation>
    </message>
    <message>
        <source>%1 of the points lie beyond ±1,000,000 and are not drawn.</source>
        <translation>有 %1 个数据点超出 ±1,000,000，未画出。</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Backprop Studio: unexpected error</source>
        <translation>反向传播工作室：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. The window stays open: save your work under a new name to be safe.</source>
        <translation>出现了错误。窗口仍保持打开：为安全起见，请用新文件名保存你的工作。</translation>
    </message>
    <message>
        <source>A report was written to:
{path}</source>
        <translation>报告已写入：
{path}</translation>
    </message>
    <message>
        <source>The report could not be written to a file.</source>
        <translation>无法把报告写入文件。</translation>
    </message>
</context>
<context>
    <name>CsvTargetsDialog</name>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>The target is a class label (classification)</source>
        <translation>目标是类别标签（分类）</translation>
    </message>
    <message>
        <source>Tick the target columns (the true labels). Every other column is an input.</source>
        <translation>勾选目标列（真实标签）。其余各列都是输入。</translation>
    </message>
</context>
<context>
    <name>ExercisePanel</name>
    <message>
        <source>Check (Enter)</source>
        <translation>核对（Enter）</translation>
    </message>
    <message>
        <source>Hide the numbers put in too (teacher)</source>
        <translation>同时隐藏代入的数值（教师选项）</translation>
    </message>
    <message>
        <source>Press → to take a step: its result stays hidden until you answer it.</source>
        <translation>按 → 前进一步：在你作答之前，它的结果保持隐藏。</translation>
    </message>
    <message>
        <source>Type one number per box and press Enter.</source>
        <translation>每个框填一个数，然后按 Enter。</translation>
    </message>
    <message>
        <source>Type your answer and press Enter.</source>
        <translation>输入你的答案，然后按 Enter。</translation>
    </message>
    <message>
        <source>What is %1?</source>
        <translation>%1 等于多少？</translation>
    </message>
    <message>
        <source>Score: %1 right on the first try · %2 right after a retry · %3 revealed</source>
        <translation>得分：一次答对 %1 · 重试后答对 %2 · 揭晓 %3</translation>
    </message>
    <message>
        <source>Type a number in each box.</source>
        <translation>请在每个框里填一个数。</translation>
    </message>
</context>
<context>
    <name>ExerciseSheetDialog</name>
    <message>
        <source>Exercise sheet</source>
        <translation>练习题</translation>
    </message>
    <message>
        <source>Leave blank</source>
        <translation>留空</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写出</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF (.pdf)</translation>
    </message>
    <message>
        <source>The answer key too (NAME_key)</source>
        <translation>同时写出答案（NAME_key）</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Forward propagation</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Gradient descent update</source>
        <translation>梯度下降更新</translation>
    </message>
    <message>
        <source>Weighted sum: multiply each input by its weight, add them up, then add the bias.</source>
        <translation>加权和：每个输入乘以对应的权重，求和后再加上偏置。</translation>
    </message>
    <message>
        <source>Weighted sum: multiply each input by its weight and add them up (this layer has no bias).</source>
        <translation>加权和：每个输入乘以对应的权重后求和（这一层没有偏置）。</translation>
    </message>
    <message>
        <source>Multiply the incoming value by its weight.</source>
        <translation>把输入值乘以对应的权重。</translation>
    </message>
    <message>
        <source>Add up the weighted inputs of the neuron.</source>
        <translation>把神经元的各个加权输入相加。</translation>
    </message>
    <message>
        <source>Add the bias to get the weighted sum %1.</source>
        <translation>加上偏置，得到加权和 %1。</translation>
    </message>
    <message>
        <source>Activation function: %1 turns the weighted sum into the neuron's output %2.</source>
        <translation>激活函数：%1 把加权和变成神经元的输出 %2。</translation>
    </message>
    <message>
        <source>The error of this output: prediction minus true label.</source>
        <translation>该输出的误差：预测值减去真实标签。</translation>
    </message>
    <message>
        <source>The loss term of this output.</source>
        <translation>该输出对应的损失项。</translation>
    </message>
    <message>
        <source>Loss function: compare the prediction with the true label.</source>
        <translation>损失函数：比较预测值与真实标签。</translation>
    </message>
    <message>
        <source>The squared norm of this layer's weights, for weight decay.</source>
        <translation>本层权重的平方范数，用于权重衰减。</translation>
    </message>
    <message>
        <source>Weight decay: s is λ/2 times the sum of the squared weights.</source>
        <translation>权重衰减：s 等于 λ/2 乘以所有权重的平方和。</translation>
    </message>
    <message>
        <source>The objective J adds the weight-decay term s to the loss L.</source>
        <translation>目标函数 J 在损失 L 上加上权重衰减项 s。</translation>
    </message>
    <message>
        <source>Backpropagation starts at the output: its gradient with respect to itself is 1.</source>
        <translation>反向传播从输出开始：输出对自身的梯度为 1。</translation>
    </message>
    <message>
        <source>Chain rule: the error term %1 is the gradient arriving at %2 times the derivative of %3.</source>
        <translation>链式法则：误差项 %1 等于损失对 %2 的导数乘以 %3 的导数。</translation>
    </message>
    <message>
        <source>Chain rule: the error term %1 collects the gradient flowing back.</source>
        <translation>链式法则：误差项 %1 汇集反向流回的梯度。</translation>
    </message>
    <message>
        <source>%1 feeds several nodes, so its gradient is the sum of what flows back from each.</source>
        <translation>%1 连接到多个节点，所以它的梯度是从每个节点流回的梯度之和。</translation>
    </message>
    <message>
        <source>Chain rule: the gradient with respect to %1 is the gradient downstream times the local derivative.</source>
        <translation>链式法则：对 %1 的梯度等于下游的梯度乘以局部导数。</translation>
    </message>
    <message>
        <source>A weight's gradient is the error term of the neuron it feeds times the value it carries.</source>
        <translation>权重的梯度等于它所连接神经元的误差项乘以它传递的输入值。</translation>
    </message>
    <message>
        <source>A bias's gradient equals the error term of its neuron.</source>
        <translation>偏置的梯度等于其神经元的误差项。</translation>
    </message>
    <message>
        <source>Gradient descent: move the parameter against its gradient, scaled by the learning rate η.</source>
        <translation>梯度下降：让参数沿梯度的反方向移动，步长由学习率 η 决定。</translation>
    </message>
    <message>
        <source>J = L + s, so %1 passes the gradient of J on unchanged: its local derivative is 1.</source>
        <translation>J = L + s，所以 %1 把 J 的梯度原样传回：它的局部导数是 1。</translation>
    </message>
    <message>
        <source>s = λ/2 · (‖W₁‖² + ‖W₂‖² + …), so each squared norm receives λ/2 times the gradient of s.</source>
        <translation>s = λ/2 · (‖W₁‖² + ‖W₂‖² + …)，所以每个平方范数得到 s 的梯度乘以 λ/2。</translation>
    </message>
    <message>
        <source>A sum passes its gradient to every term unchanged, so the product %1 receives it as it is.</source>
        <translation>求和把梯度原样传给每一项，所以乘积 %1 得到的就是这个梯度。</translation>
    </message>
    <message>
        <source>Chain rule: multiply the gradient arriving from downstream by the local derivative.</source>
        <translation>链式法则：把从下游传回的梯度乘以局部导数。</translation>
    </message>
    <message>
        <source>Compute %1 from its inputs.</source>
        <translation>由输入计算 %1。</translation>
    </message>
    <message>
        <source>The whole layer at once: the matrix product of the inputs and the weight matrix, plus the bias, gives every weighted sum of %1.</source>
        <translation>整层一次算出：输入与权重矩阵的矩阵乘积加上偏置，得到 %1 的每个加权和。</translation>
    </message>
    <message>
        <source>Activation function: %1 is applied to every entry of %2 (elementwise).</source>
        <translation>激活函数：%1 作用于 %2 的每个元素（逐元素）。</translation>
    </message>
    <message>
        <source>The derivative of the activation at every entry of %1: the factor the chain rule multiplies by entry by entry.</source>
        <translation>激活函数在 %1 每个元素处的导数：链式法则逐元素相乘的因子。</translation>
    </message>
    <message>
        <source>∂s/∂W = λW: the part of the weights' gradient that comes from weight decay.</source>
        <translation>∂s/∂W = λW：权重梯度中来自权重衰减的部分。</translation>
    </message>
    <message>
        <source>Chain rule, entry by entry: the error term %1 is the gradient arriving at %2 times %3, an elementwise product (⊙).</source>
        <translation>逐元素的链式法则：误差项 %1 等于传到 %2 的梯度乘以 %3，即逐元素乘积（⊙）。</translation>
    </message>
    <message>
        <source>Chain rule back through the weights: the error terms times the transposed weight matrix give the gradient at %1.</source>
        <translation>链式法则穿过权重向后传：误差项乘以权重矩阵的转置，得到 %1 处的梯度。</translation>
    </message>
    <message>
        <source>Each sample's own gradient, one row per sample; the mean over the samples is taken where the gradient reaches the weights.</source>
        <translation>每个样本各自的梯度，每个样本一行；梯度到达权重时才对样本取平均。</translation>
    </message>
    <message>
        <source>The weights' gradient %1 is the layer's inputs, transposed, times its error terms. The lecture writes δᵀ·X, the transpose of this: here each sample is a row (z = X·W + b), so the transpose goes on the inputs and the result has the shape of the weight matrix.</source>
        <translation>权重的梯度 %1 等于该层输入的转置乘以误差项。讲义写作 δᵀ·X，即它的转置：这里每个样本是一行（z = X·W + b），所以转置放在输入上，结果与权重矩阵形状相同。</translation>
    </message>
    <message>
        <source>The weights' gradient %1 is the layer's inputs, transposed, times every sample's error terms, divided by the number of samples: the mean of the samples' gradients, which is what PyTorch computes for a batch. Each sample is a row (z = X·W + b), so the transpose goes on the inputs (the lecture's δᵀ·X is its transpose).</source>
        <translation>权重的梯度 %1 等于该层输入的转置乘以所有样本的误差项，再除以样本数：即各样本梯度的平均，这正是 PyTorch 对一个批量计算的结果。每个样本是一行（z = X·W + b），所以转置放在输入上（讲义的 δᵀ·X 是它的转置）。</translation>
    </message>
    <message>
        <source>The weights' gradient %1 is the error terms times the layer's inputs, transposed, as d2l prints it (each sample is a column); with several samples divided by their number: the mean, which is what PyTorch computes for a batch.</source>
        <translation>权重的梯度 %1 等于误差项乘以该层输入的转置，与 d2l 的写法相同（每个样本是一列）；有多个样本时再除以样本数：即平均值，这正是 PyTorch 对一个批量计算的结果。</translation>
    </message>
    <message>
        <source>The biases' gradient is the mean of the error terms over the samples: what PyTorch computes for a batch.</source>
        <translation>偏置的梯度是误差项在各样本上的平均：这正是 PyTorch 对一个批量计算的结果。</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Derivation as Markdown…</source>
        <translation>推导过程（Markdown）…</translation>
    </message>
    <message>
        <source>Derivation as LaTeX…</source>
        <translation>推导过程（LaTeX）…</translation>
    </message>
    <message>
        <source>Derivation as CSV…</source>
        <translation>推导过程（CSV）…</translation>
    </message>
    <message>
        <source>Image of “%1” (PNG or SVG)…</source>
        <translation>“%1”的图片（PNG 或 SVG）…</translation>
    </message>
    <message>
        <source>Network as a NumPy script…</source>
        <translation>网络（NumPy 脚本）…</translation>
    </message>
    <message>
        <source>Network as a PyTorch script…</source>
        <translation>网络（PyTorch 脚本）…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export the derivation</source>
        <translation>导出推导过程</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export the network as a script</source>
        <translation>将网络导出为脚本</translation>
    </message>
    <message>
        <source>Exercise sheet…</source>
        <translation>练习题…</translation>
    </message>
    <message>
        <source>Handout (PDF)…</source>
        <translation>讲义（PDF）…</translation>
    </message>
    <message>
        <source>Export an exercise sheet</source>
        <translation>导出练习题</translation>
    </message>
    <message>
        <source>Exercise sheet (*.md *.pdf)</source>
        <translation>练习题 (*.md *.pdf)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ExpressionEditor</name>
    <message>
        <source>Expression lesson</source>
        <translation>表达式课程</translation>
    </message>
    <message>
        <source>One assignment per line, for example &lt;b&gt;f = (x + y) * z&lt;/b&gt;. Operators + − * / ** and the functions exp log sqrt sin cos tanh sigmoid relu. The last assigned name is the output.</source>
        <translation>每行一个赋值，例如 &lt;b&gt;f = (x + y) * z&lt;/b&gt;。可用运算符 + − * / ** 和函数 exp log sqrt sin cos tanh sigmoid relu。最后赋值的名字就是输出。</translation>
    </message>
    <message>
        <source>Values of the inputs</source>
        <translation>输入的取值</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>write at least one assignment, such as f = x * y</source>
        <translation>至少写一个赋值，例如 f = x * y</translation>
    </message>
    <message>
        <source>Line %1: %2 is not a finite number (%3).</source>
        <translation>第 %1 行：%2 不是有限的数（%3）。</translation>
    </message>
    <message>
        <source>Line %1, column %2: </source>
        <translation>第 %1 行，第 %2 列：</translation>
    </message>
</context>
<context>
    <name>FieldWords</name>
    <message>
        <source>File format</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <source>File format version</source>
        <translation>文件格式版本</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>%L ▸ number of neurons</source>
        <translation>%L ▸ 神经元个数</translation>
    </message>
    <message>
        <source>%L ▸ weights</source>
        <translation>%L ▸ 权重</translation>
    </message>
    <message>
        <source>%L ▸ weights row %1</source>
        <translation>%L ▸ 权重第 %1 行</translation>
    </message>
    <message>
        <source>%L ▸ weight W[%1, %2]</source>
        <translation>%L ▸ 权重 W[%1, %2]</translation>
    </message>
    <message>
        <source>%L ▸ biases</source>
        <translation>%L ▸ 偏置</translation>
    </message>
    <message>
        <source>%L ▸ bias of neuron %1</source>
        <translation>%L ▸ 神经元 %1 的偏置</translation>
    </message>
    <message>
        <source>Loss function</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>权重衰减 λ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data ▸ inputs</source>
        <translation>数据 ▸ 输入</translation>
    </message>
    <message>
        <source>Data ▸ inputs row %1</source>
        <translation>数据 ▸ 输入第 %1 行</translation>
    </message>
    <message>
        <source>Data ▸ inputs row %1, value %2</source>
        <translation>数据 ▸ 输入第 %1 行第 %2 个值</translation>
    </message>
    <message>
        <source>Data ▸ targets</source>
        <translation>数据 ▸ 真实标签</translation>
    </message>
    <message>
        <source>Data ▸ targets row %1</source>
        <translation>数据 ▸ 真实标签第 %1 行</translation>
    </message>
    <message>
        <source>Data ▸ targets row %1, value %2</source>
        <translation>数据 ▸ 真实标签第 %1 行第 %2 个值</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Training ▸ optimizer</source>
        <translation>训练 ▸ 优化器</translation>
    </message>
    <message>
        <source>Training ▸ learning rate</source>
        <translation>训练 ▸ 学习率</translation>
    </message>
    <message>
        <source>Training ▸ batch size</source>
        <translation>训练 ▸ 批大小</translation>
    </message>
    <message>
        <source>Training ▸ iterations</source>
        <translation>训练 ▸ 迭代次数</translation>
    </message>
    <message>
        <source>Training ▸ epochs</source>
        <translation>训练 ▸ 轮次</translation>
    </message>
    <message>
        <source>Training ▸ random seed</source>
        <translation>训练 ▸ 随机种子</translation>
    </message>
    <message>
        <source>Training ▸ evaluate every</source>
        <translation>训练 ▸ 评估间隔</translation>
    </message>
    <message>
        <source>Training ▸ momentum</source>
        <translation>训练 ▸ 动量</translation>
    </message>
    <message>
        <source>Training ▸ test fraction</source>
        <translation>训练 ▸ 测试集比例</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>Expression ▸ program</source>
        <translation>表达式 ▸ 程序</translation>
    </message>
    <message>
        <source>Expression ▸ values</source>
        <translation>表达式 ▸ 变量值</translation>
    </message>
    <message>
        <source>Expression ▸ value of %1</source>
        <translation>表达式 ▸ %1 的值</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Target columns</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Hidden layer %1</source>
        <translation>隐藏层 %1</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
</context>
<context>
    <name>FirstLesson</name>
    <message>
        <source>The window opens on the lecture's 2-2-1 network: two inputs X, two hidden neurons and one output ŷ.</source>
        <translation>窗口打开时显示讲义中的 2-2-1 网络：两个输入 X、两个隐藏神经元和一个输出 ŷ。</translation>
    </message>
    <message>
        <source>Press → (or Space). The diagram highlights z₁[1] and the inspector shows its formula, the numbers put into it, and the result.</source>
        <translation>按 →（或空格）。网络图会高亮 z₁[1]，检查器显示它的公式、代入的数值和结果。</translation>
    </message>
    <message>
        <source>Keep pressing → through forward propagation until the loss L appears.</source>
        <translation>继续按 →，完成前向传播，直到出现损失 L。</translation>
    </message>
    <message>
        <source>Press → again: backpropagation starts at L and the error terms δ₂ and δ₁ follow by the chain rule. Purple arrows show the gradient flowing back; the gold ring marks the current step.</source>
        <translation>再按 →：反向传播从 L 开始，按链式法则依次求出误差项 δ₂ 和 δ₁。紫色箭头表示梯度反向流动，金色圆环标出当前步骤。</translation>
    </message>
    <message>
        <source>Press ← to go back a step and explain it again. Home returns to the start, End runs to the end.</source>
        <translation>按 ← 后退一步再讲一遍。Home 回到开始，End 运行到结束。</translation>
    </message>
    <message>
        <source>Double-click a weight on the diagram to change it: every value is recomputed. Ctrl+Z undoes it.</source>
        <translation>在网络图上双击一个权重即可修改它：所有数值都会重新计算。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Press O to step through every single operation instead of whole neurons, and N to go back.</source>
        <translation>按 O 逐个运算单步（而不是整个神经元），按 N 切换回来。</translation>
    </message>
    <message>
        <source>Open File ▸ Examples for more lessons: XOR, circles, spirals, weight decay and expression circuits.</source>
        <translation>打开“文件 ▸ 示例”可以找到更多课程：异或、圆环、螺旋、权重衰减和表达式电路。</translation>
    </message>
    <message>
        <source>Your first lesson</source>
        <translation>第一课</translation>
    </message>
</context>
<context>
    <name>FirstLessonDialog</name>
    <message>
        <source>Your first lesson</source>
        <translation>第一课</translation>
    </message>
</context>
<context>
    <name>GalleryDialog</name>
    <message>
        <source>Example lessons</source>
        <translation>示例课程</translation>
    </message>
</context>
<context>
    <name>GradcheckDialog</name>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Largest relative error</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <source>Each gradient from backpropagation is compared with a central difference (J(x + h) − J(x − h)) / 2h in float64, with the step h = ε·max(1, |x|), ε = %1.</source>
        <translation>反向传播得到的每个梯度都与 float64 中心差分 (J(x + h) − J(x − h)) / 2h 比较，步长 h = ε·max(1, |x|)，ε = %1。</translation>
    </message>
    <message>
        <source>Step graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>grads (batched)</source>
        <translation>grads（批量）</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>训练步骤</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Largest relative error %1 (threshold %2): %3</source>
        <translation>最大相对误差 %1（阈值 %2）：%3</translation>
    </message>
</context>
<context>
    <name>GradientPlot</name>
    <message>
        <source>Hover over the curves to read each layer's ‖∂J/∂W‖.</source>
        <translation>将鼠标悬停在曲线上，读取每一层的 ‖∂J/∂W‖。</translation>
    </message>
    <message>
        <source>‖∂J/∂W‖ (log scale)</source>
        <translation>‖∂J/∂W‖（对数刻度）</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Iteration %1</source>
        <translation>第 %1 次迭代</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>No lesson is open.</source>
        <translation>没有打开的课程。</translation>
    </message>
    <message>
        <source>This graph has %1 nodes: too large to draw (the limit is %2). Switch to a smaller network or expression.</source>
        <translation>这个计算图有 %1 个节点，太大，无法绘制（上限为 %2）。请换用更小的网络或表达式。</translation>
    </message>
    <message>
        <source>Neuron steps: one step here covers all the operations of a neuron. Press O for operation steps to step through this graph one operation at a time.</source>
        <translation>按神经元步进：这里的一步包含一个神经元的全部运算。按 O 切换为按运算步进，在计算图中一次走一个运算。</translation>
    </message>
</context>
<context>
    <name>HandCheckDialog</name>
    <message>
        <source>Check my hand calculation</source>
        <translation>核对手算</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>你的值</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>pasted table</source>
        <translation>粘贴的表格</translation>
    </message>
    <message>
        <source>Nothing to paste: copy two columns, symbol and value.</source>
        <translation>没有可粘贴的内容：请复制两列：符号和值。</translation>
    </message>
    <message>
        <source>Import a hand calculation</source>
        <translation>导入手算</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Type the values you worked out by hand, or paste them, then press Check.</source>
        <translation>输入你手算得到的值（或粘贴进来），然后按“核对”。</translation>
    </message>
    <message>
        <source>Some rows could not be checked: their reason is under “Why”.</source>
        <translation>有些行无法核对：原因见“原因”一栏。</translation>
    </message>
    <message>
        <source>Every value you wrote is correct.</source>
        <translation>你写的每个值都正确。</translation>
    </message>
    <message>
        <source>No slip of your own: the differences come from rounding.</source>
        <translation>没有你自己的计算失误：差异来自舍入。</translation>
    </message>
    <message>
        <source>cannot check</source>
        <translation>无法核对</translation>
    </message>
    <message>
        <source>slip at this step</source>
        <translation>此步计算失误</translation>
    </message>
    <message>
        <source>slip at %1</source>
        <translation>%1 计算失误</translation>
    </message>
    <message>
        <source>carried over from %1</source>
        <translation>沿用了 %1 的错误</translation>
    </message>
    <message>
        <source>carried over (rounding)</source>
        <translation>沿用了舍入后的值</translation>
    </message>
    <message>
        <source>transposed</source>
        <translation>转置了</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Enter hand calculation</source>
        <translation>输入手算</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>What is given</source>
        <translation>已知条件</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>变量取值</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>all %1 at once (layer steps)</source>
        <translation>全部 %1 个，一次算出（层步骤）</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Hidden %1</source>
        <translation>隐藏层 %1</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>substituted</source>
        <translation>代入数值</translation>
    </message>
    <message>
        <source>value shown</source>
        <translation>显示的数值</translation>
    </message>
    <message>
        <source>value (float64)</source>
        <translation>数值（float64）</translation>
    </message>
    <message>
        <source>Derivation</source>
        <translation>推导过程</translation>
    </message>
    <message>
        <source>Teacher's note</source>
        <translation>教师批注</translation>
    </message>
    <message>
        <source>Exercise sheet</source>
        <translation>练习题</translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Fill in each blank ____ with the value you compute (four significant digits).</source>
        <translation>在每个空白 ____ 处填入你算出的值（四位有效数字）。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>InlineEditor</name>
    <message>
        <source>Type a number, then press Enter (Escape cancels)</source>
        <translation>输入一个数，然后按回车（Esc 取消）</translation>
    </message>
    <message>
        <source>“%1” is not a number. Type a number such as 0.5 or -1.2.</source>
        <translation>“%1”不是数字。请输入像 0.5 或 -1.2 这样的数。</translation>
    </message>
    <message>
        <source>Only finite numbers are allowed (not NaN or infinity).</source>
        <translation>只允许有限的数（不能是 NaN 或无穷大）。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Press → (or Space) to take the first step of forward propagation.</source>
        <translation>按 →（或空格）开始前向传播的第一步。</translation>
    </message>
    <message>
        <source>The last update changed the loss on all the samples at once: %1 (← goes back to the end of that pass).</source>
        <translation>上一次更新使所有样本一起计算的损失变为：%1（← 返回到上一轮的末尾）。</translation>
    </message>
    <message>
        <source>The last update changed the loss on this sample: %1 (← goes back to the end of that pass).</source>
        <translation>上一次更新使该样本的损失变为：%1（← 返回到上一轮的末尾）。</translation>
    </message>
    <message>
        <source>%1 · step %2 of %3</source>
        <translation>%1 · 第 %2 步，共 %3 步</translation>
    </message>
    <message>
        <source>%1 is not a finite number: %2</source>
        <translation>%1 不是有限的数：%2</translation>
    </message>
    <message>
        <source>Shapes: %1</source>
        <translation>形状：%1</translation>
    </message>
    <message>
        <source>This step does not use that neuron's row or column.</source>
        <translation>这一步没有用到该神经元所在的行或列。</translation>
    </message>
    <message>
        <source>Neuron %1 of layer %2 in this step</source>
        <translation>本步中第 %2 层的第 %1 个神经元</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Local derivatives</source>
        <translation>局部导数</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Hover over the curve to read the loss.</source>
        <translation>把鼠标悬停在曲线上可读取损失值。</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Log scale switched on: the loss spans %1 orders of magnitude.</source>
        <translation>已自动切换为对数刻度：损失跨越 %1 个数量级。</translation>
    </message>
    <message>
        <source>Iteration %1</source>
        <translation>第 %1 次迭代</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>test loss %1</source>
        <translation>测试损失 %1</translation>
    </message>
    <message>
        <source>accuracy %1%</source>
        <translation>准确率 %1%</translation>
    </message>
    <message>
        <source>Save loss plot</source>
        <translation>保存损失曲线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save loss history</source>
        <translation>保存损失历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>▲ Off the chart: the loss reached %1 at iteration %2.</source>
        <translation>▲ 超出图表：损失在第 %2 次迭代时达到 %1。</translation>
    </message>
    <message>
        <source>✕ The loss is not a finite number here.</source>
        <translation>✕ 此处损失不是有限数。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Step log</source>
        <translation>步骤记录</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Take the next step (→, Space)</source>
        <translation>执行下一步（→、空格）</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Undo the last step (←)</source>
        <translation>撤回上一步（←）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start of the pass (Home)</source>
        <translation>回到本轮的开始（Home）</translation>
    </message>
    <message>
        <source>Run to end</source>
        <translation>运行到结束</translation>
    </message>
    <message>
        <source>Take every remaining step (End)</source>
        <translation>执行剩余的所有步骤（End）</translation>
    </message>
    <message>
        <source>Run to end of phase</source>
        <translation>运行到本阶段结束</translation>
    </message>
    <message>
        <source>Finish the forward, backward or update phase</source>
        <translation>完成当前的前向、反向或更新阶段</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step automatically at the chosen speed (P)</source>
        <translation>按所选速度自动单步（P）</translation>
    </message>
    <message>
        <source>&amp;New network</source>
        <translation>新建网络(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;expression lesson…</source>
        <translation>新建表达式课程(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit e&amp;xpression…</source>
        <translation>编辑表达式(&amp;X)…</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Compare every gradient with finite differences</source>
        <translation>用有限差分核对每个梯度</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Notation</source>
        <translation>记号</translation>
    </message>
    <message>
        <source>Example &amp;gallery…</source>
        <translation>示例库(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Randomize weights…</source>
        <translation>随机化权重…</translation>
    </message>
    <message>
        <source>Reset weights to the file</source>
        <translation>把权重重置为文件中的值</translation>
    </message>
    <message>
        <source>Add hidden layer</source>
        <translation>添加隐藏层</translation>
    </message>
    <message>
        <source>Remove last hidden layer</source>
        <translation>删除最后一个隐藏层</translation>
    </message>
    <message>
        <source>Learning rate η…</source>
        <translation>学习率 η…</translation>
    </message>
    <message>
        <source>Weight decay λ…</source>
        <translation>权重衰减 λ…</translation>
    </message>
    <message>
        <source>Check my hand calculation…</source>
        <translation>核对手算…</translation>
    </message>
    <message>
        <source>Enter the values you worked out by hand and find the first slip</source>
        <translation>输入你手算得到的值，找出第一个计算失误</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Normal size</source>
        <translation>正常大小</translation>
    </message>
    <message>
        <source>Fit diagram to window</source>
        <translation>使图适应窗口</translation>
    </message>
    <message>
        <source>Show weight values</source>
        <translation>显示权重数值</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Neuron steps</source>
        <translation>按神经元单步</translation>
    </message>
    <message>
        <source>Operation steps</source>
        <translation>按运算单步</translation>
    </message>
    <message>
        <source>Layer steps (matrices)</source>
        <translation>按层单步（矩阵形式）</translation>
    </message>
    <message>
        <source>One step per vector or matrix, every sample at once (L)</source>
        <translation>每个向量或矩阵一步，所有样本一起计算（L）</translation>
    </message>
    <message>
        <source>Exercise mode</source>
        <translation>练习模式</translation>
    </message>
    <message>
        <source>Predict each step: its result is hidden until you answer it (E)</source>
        <translation>预测每一步：在你作答之前，它的结果保持隐藏（E）</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>揭晓</translation>
    </message>
    <message>
        <source>Show the true value of the step asked (R)</source>
        <translation>显示所问这一步的真实值（R）</translation>
    </message>
    <message>
        <source>Reveal all</source>
        <translation>全部揭晓</translation>
    </message>
    <message>
        <source>Show every hidden value (for the class)</source>
        <translation>显示所有隐藏的值（供全班查看）</translation>
    </message>
    <message>
        <source>Hide all</source>
        <translation>全部隐藏</translation>
    </message>
    <message>
        <source>Hide every value computed so far (for the class)</source>
        <translation>隐藏目前算出的所有值（供全班练习）</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Put every panel back in its place at its default size</source>
        <translation>把每个面板放回原处并恢复默认大小</translation>
    </message>
    <message>
        <source>Edge width: |∂J/∂w| instead of |w|</source>
        <translation>连线粗细：按 |∂J/∂w| 而非 |w|</translation>
    </message>
    <message>
        <source>Gradient health: after a backward pass, draw each weight as wide as its gradient in the current step and show each layer's ‖δ‖, so vanishing gradients are visible</source>
        <translation>梯度健康：反向传播之后，按当前步骤中每个权重的梯度大小绘制连线粗细，并显示每一层的 ‖δ‖，使梯度消失一目了然</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Full screen for a classroom: the diagram and the formula, large (F5; Esc leaves, B blanks the screen, PageDown and PageUp step)</source>
        <translation>课堂用全屏：大字显示图和公式（F5；Esc 退出，B 黑屏，PageDown 和 PageUp 单步）</translation>
    </message>
    <message>
        <source>Presentation settings…</source>
        <translation>演示设置…</translation>
    </message>
    <message>
        <source>High-contrast theme (projector)</source>
        <translation>高对比度主题（投影仪）</translation>
    </message>
    <message>
        <source>Lecture notation (X·W₁ + b₁, a, ŷ)</source>
        <translation>讲义记号（X·W₁ + b₁, a, ŷ）</translation>
    </message>
    <message>
        <source>d2l notation (W⁽¹⁾x, h, o)</source>
        <translation>d2l 记号（W⁽¹⁾x, h, o）</translation>
    </message>
    <message>
        <source>Your first lesson</source>
        <translation>第一课</translation>
    </message>
    <message>
        <source>Compare with the lecture</source>
        <translation>与讲义对照</translation>
    </message>
    <message>
        <source>Check the lecture's printed values: its slips and what they carry</source>
        <translation>核对讲义印刷的数值：其中的计算失误，以及沿用它们的值</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Backprop Studio</source>
        <translation>关于反向传播工作室</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Loss function</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>Layer (matrices)</source>
        <translation>层（矩阵形式）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Cannot open lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>%1 could not be opened:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <source>There is not enough memory to open this lesson.</source>
        <translation>内存不足，无法打开这个课程。</translation>
    </message>
    <message>
        <source>The lesson is nested too deeply to open.</source>
        <translation>课程嵌套太深，无法打开。</translation>
    </message>
    <message>
        <source>An unexpected problem stopped the lesson from opening (%1).</source>
        <translation>一个意外问题使课程无法打开（%1）。</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>网络图</translation>
    </message>
    <message>
        <source>Computational graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Apply gradient descent update</source>
        <translation>应用梯度下降更新</translation>
    </message>
    <message>
        <source>Update applied: %1; a new pass starts with the new weights (← goes back).</source>
        <translation>已应用更新：%1；新一轮将使用新的权重（← 可返回）。</translation>
    </message>
    <message>
        <source>Edit not possible</source>
        <translation>无法编辑</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Edit bias</source>
        <translation>编辑偏置</translation>
    </message>
    <message>
        <source>Edit input</source>
        <translation>编辑输入</translation>
    </message>
    <message>
        <source>Edit target</source>
        <translation>编辑真实标签</translation>
    </message>
    <message>
        <source>Add neuron</source>
        <translation>添加神经元</translation>
    </message>
    <message>
        <source>Remove neuron</source>
        <translation>删除神经元</translation>
    </message>
    <message>
        <source>Remove hidden layer</source>
        <translation>删除隐藏层</translation>
    </message>
    <message>
        <source>Add bias</source>
        <translation>添加偏置</translation>
    </message>
    <message>
        <source>Remove bias</source>
        <translation>去掉偏置</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>更改激活函数</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Edit expression</source>
        <translation>编辑表达式</translation>
    </message>
    <message>
        <source>Change notation</source>
        <translation>更改记号</translation>
    </message>
    <message>
        <source>Change loss function</source>
        <translation>更改损失函数</translation>
    </message>
    <message>
        <source>Randomize weights</source>
        <translation>随机化权重</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>λ (0 turns weight decay off):</source>
        <translation>λ（0 表示关闭权重衰减）：</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>η:</source>
        <translation>η：</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.json);;All files (*)</source>
        <translation>课程 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>课程 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>The lesson holds text that is not valid Unicode.</source>
        <translation>课程中有不是有效 Unicode 的文本。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The lesson has unsaved changes. Save them first?</source>
        <translation>课程有未保存的修改。要先保存吗？</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Untitled lesson</source>
        <translation>未命名课程</translation>
    </message>
    <message>
        <source>Backprop Studio</source>
        <translation>反向传播工作室</translation>
    </message>
    <message>
        <source>The new language is used the next time Backprop Studio starts.</source>
        <translation>新的语言将在下次启动反向传播工作室时生效。</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / 共 %1</translation>
    </message>
    <message>
        <source>Layer steps take every sample at once (a batch): press N or O to step one sample</source>
        <translation>按层单步一次计算所有样本（一个批次）：按 N 或 O 逐个样本单步</translation>
    </message>
    <message>
        <source>The sample that neuron and operation steps follow</source>
        <translation>按神经元和按运算单步时使用的样本</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Backprop Studio %1&lt;/h3&gt;&lt;p&gt;Step through forward propagation, backpropagation and computational graphs, one node at a time.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;反向传播工作室 %1&lt;/h3&gt;&lt;p&gt;逐个节点地单步演示前向传播、反向传播和计算图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Teacher's note</source>
        <translation>教师批注</translation>
    </message>
    <message>
        <source>Remove note</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Predict, then reveal</source>
        <translation>先预测，再揭晓</translation>
    </message>
    <message>
        <source>Exercise mode: each step's result is hidden until you answer it (R reveals it).</source>
        <translation>练习模式：每一步的结果在你作答之前保持隐藏（按 R 揭晓）。</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>half squared error ½Σ(ŷ − y)²</source>
        <translation>半平方误差 ½Σ(ŷ − y)²</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>small uniform</source>
        <translation>小均匀分布</translation>
    </message>
    <message>
        <source>Xavier/Glorot (uniform)</source>
        <translation>Xavier/Glorot（均匀分布）</translation>
    </message>
    <message>
        <source>He/Kaiming (normal)</source>
        <translation>He/Kaiming（正态分布）</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>过大</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Add a neuron to this layer</source>
        <translation>在本层添加一个神经元</translation>
    </message>
    <message>
        <source>Remove this neuron</source>
        <translation>删除此神经元</translation>
    </message>
    <message>
        <source>Insert a hidden layer after this one</source>
        <translation>在此层之后插入一个隐藏层</translation>
    </message>
    <message>
        <source>Remove this layer</source>
        <translation>删除此层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>This lesson has no network to draw.</source>
        <translation>这个课程没有可以绘制的网络。</translation>
    </message>
    <message numerus="yes">
        <source>⋯ (%n more)</source>
        <translation>
            <numerusform>⋯（还有 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Hidden %1</source>
        <translation>隐藏层 %1</translation>
    </message>
    <message>
        <source>identical neurons (symmetry)</source>
        <translation>神经元完全相同（对称性）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>J = L + λ/2·Σ‖W‖², λ = %1</source>
        <translation>J = L + λ/2·Σ‖W‖²，λ = %1</translation>
    </message>
    <message>
        <source>Dead ReLU: this neuron outputs 0 for every training sample (z ≤ 0 on all of them). There relu′(z) = 0, so no gradient passes back through it and its weights and bias never change. Other starting weights, a smaller learning rate or leaky ReLU can help.</source>
        <translation>死亡 ReLU：这个神经元对每个训练样本的输出都是 0（所有样本上 z ≤ 0）。此处 relu′(z) = 0，没有梯度能反向穿过它，它的权重和偏置永远不会改变。换一组初始权重、减小学习率或改用 leaky ReLU 会有帮助。</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Teacher's note on %1</source>
        <translation>%1 的教师批注</translation>
    </message>
    <message>
        <source>Shown in the inspector when this step is reached, and in handouts.</source>
        <translation>到达这一步时显示在检查器中，也印在讲义里。</translation>
    </message>
    <message>
        <source>Store in %1 only</source>
        <translation>只存为%1</translation>
    </message>
    <message>
        <source>Store in both languages</source>
        <translation>两种语言都存</translation>
    </message>
    <message>
        <source>The %1 text is kept as it is.</source>
        <translation>%1文本保持不变。</translation>
    </message>
</context>
<context>
    <name>PresentationSettingsDialog</name>
    <message>
        <source>Presentation settings</source>
        <translation>演示设置</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>The current tab</source>
        <translation>当前标签页</translation>
    </message>
    <message>
        <source>View shown</source>
        <translation>显示的视图</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Blank screen (B)</source>
        <translation>空白屏幕（B）</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Change learning rate</source>
        <translation>更改学习率</translation>
    </message>
    <message>
        <source>Change weight decay</source>
        <translation>更改权重衰减</translation>
    </message>
    <message>
        <source>Change optimizer</source>
        <translation>更改优化器</translation>
    </message>
    <message>
        <source>Change batch size</source>
        <translation>更改批大小</translation>
    </message>
    <message>
        <source>Change test fraction</source>
        <translation>更改测试集比例</translation>
    </message>
    <message>
        <source>Change seed</source>
        <translation>更改随机种子</translation>
    </message>
    <message>
        <source>Change training length</source>
        <translation>更改训练长度</translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation>更改训练设置</translation>
    </message>
</context>
<context>
    <name>StepLogModel</name>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Formula with numbers</source>
        <translation>代入数值的公式</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Teacher's note: %1</source>
        <translation>教师批注：%1</translation>
    </message>
</context>
<context>
    <name>TeacherNotes</name>
    <message>
        <source>Teacher's note</source>
        <translation>教师批注</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>编辑批注…</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加批注…</translation>
    </message>
    <message>
        <source>Remove note</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>TrainingAttachment</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Gradient health</source>
        <translation>梯度健康</translation>
    </message>
    <message>
        <source>Training plots</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Save loss plot as PNG…</source>
        <translation>将损失曲线保存为 PNG…</translation>
    </message>
    <message>
        <source>Save loss history as CSV…</source>
        <translation>将损失历史保存为 CSV…</translation>
    </message>
    <message>
        <source>Initialise weights</source>
        <translation>初始化权重</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train the network on the data with gradient descent</source>
        <translation>用梯度下降在数据上训练网络</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training and keep the weights reached so far</source>
        <translation>停止训练并保留目前得到的权重</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume training</source>
        <translation>暂停或继续训练</translation>
    </message>
    <message>
        <source>Step one iteration</source>
        <translation>单步迭代一次</translation>
    </message>
    <message>
        <source>Train for exactly one iteration, then pause</source>
        <translation>只训练一次迭代，然后暂停</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>New random weights from the seed (can be undone)</source>
        <translation>用随机种子生成新的随机权重（可撤销）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>权重衰减 λ</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>训练长度</translation>
    </message>
    <message>
        <source>The lesson's own data</source>
        <translation>课程自带的数据</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或 (XOR)</translation>
    </message>
    <message>
        <source>AND</source>
        <translation>与 (AND)</translation>
    </message>
    <message>
        <source>OR</source>
        <translation>或 (OR)</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>圆环</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Spiral (3 classes)</source>
        <translation>螺旋（3 类）</translation>
    </message>
    <message>
        <source>Spiral (2 classes)</source>
        <translation>螺旋（2 类）</translation>
    </message>
    <message>
        <source>Blobs (3 classes)</source>
        <translation>高斯团（3 类）</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation>线性回归</translation>
    </message>
    <message>
        <source>Sine regression</source>
        <translation>正弦回归</translation>
    </message>
    <message>
        <source>Lecture sample</source>
        <translation>讲义样本</translation>
    </message>
    <message>
        <source>Training needs a network lesson. Open or create a network first.</source>
        <translation>训练需要网络课程。请先打开或新建一个网络。</translation>
    </message>
    <message>
        <source>The training settings were changed during training, so training stopped. The change is kept.</source>
        <translation>训练过程中训练设置被更改，因此训练已停止。更改会被保留。</translation>
    </message>
    <message>
        <source>The data was not used; the lesson is unchanged.
%1</source>
        <translation>数据未被使用，课程保持不变。
%1</translation>
    </message>
    <message>
        <source>Adapt network to data</source>
        <translation>使网络适应数据</translation>
    </message>
    <message>
        <source>Use data: %1</source>
        <translation>使用数据：%1</translation>
    </message>
    <message>
        <source>The input layer now has %2 neurons (it had %1); its weights were drawn afresh.</source>
        <translation>输入层现在有 %2 个神经元（原来有 %1 个）；它的权重已重新随机生成。</translation>
    </message>
    <message>
        <source>The output layer now has %2 neurons (it had %1); its weights were drawn afresh.</source>
        <translation>输出层现在有 %2 个神经元（原来有 %1 个）；它的权重已重新随机生成。</translation>
    </message>
    <message>
        <source>The output activation changed from %1 to %2 to suit the data.</source>
        <translation>为适应数据，输出层激活函数已从 %1 改为 %2。</translation>
    </message>
    <message>
        <source>The loss function changed from %1 to %2 to suit the data.</source>
        <translation>为适应数据，损失函数已从 %1 改为 %2。</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 文件 (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 needs a header row naming at least two columns.</source>
        <translation>%1 需要一个至少包含两列名称的表头行。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The CSV import was cancelled; the data is unchanged.</source>
        <translation>CSV 导入已取消，数据保持不变。</translation>
    </message>
    <message>
        <source>There is not enough memory to read it.</source>
        <translation>内存不足，无法读取该文件。</translation>
    </message>
    <message>
        <source>An unexpected error stopped the import (%1).</source>
        <translation>意外错误中止了导入（%1）。</translation>
    </message>
    <message>
        <source>The CSV file was not imported; the data is unchanged.
%1</source>
        <translation>CSV 文件未导入，数据保持不变。
%1</translation>
    </message>
    <message>
        <source>%1 The weights of the last good iteration are kept.</source>
        <translation>%1已保留最后一次正常迭代的权重。</translation>
    </message>
    <message>
        <source>CSV: %1</source>
        <translation>CSV：%1</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Paused. Step one iteration at a time, Resume, or Stop.</source>
        <translation>已暂停。可以每次迭代一步、继续或停止。</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <source>%n sample</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n samples</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input</source>
        <translation>
            <numerusform>%n 个输入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inputs</source>
        <translation>
            <numerusform>%n 个输入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output</source>
        <translation>
            <numerusform>%n 个输出</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outputs</source>
        <translation>
            <numerusform>%n 个输出</numerusform>
        </translation>
    </message>
    <message>
        <source>Now training on %1: %2, %3, %4.</source>
        <translation>现在使用 %1 训练：%2，%3，%4。</translation>
    </message>
    <message>
        <source>%1 / %2 iterations</source>
        <translation>%1 / %2 次迭代</translation>
    </message>
    <message>
        <source>%1 iterations/s · %2 left</source>
        <translation>%1 次迭代/秒 · 剩余 %2</translation>
    </message>
    <message>
        <source>Paused at iteration %1</source>
        <translation>已在第 %1 次迭代暂停</translation>
    </message>
    <message>
        <source>The network was edited during training, so training stopped. The edit is kept.</source>
        <translation>训练过程中网络被编辑，因此训练已停止。编辑会被保留。</translation>
    </message>
    <message>
        <source>Train 1 iteration</source>
        <translation>训练 1 次迭代</translation>
    </message>
    <message>
        <source>Train %1 iterations</source>
        <translation>训练 %1 次迭代</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>test loss %1</source>
        <translation>测试损失 %1</translation>
    </message>
    <message>
        <source>accuracy %1%</source>
        <translation>准确率 %1%</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 iterations; the weights reached are kept. Undo restores the weights from before training.</source>
        <translation>在第 %1 / %2 次迭代后停止；保留已得到的权重。撤销可恢复训练前的权重。</translation>
    </message>
    <message>
        <source>Finished 1 iteration. Undo restores the weights from before training.</source>
        <translation>已完成 1 次迭代。撤销可恢复训练前的权重。</translation>
    </message>
    <message>
        <source>Finished %1 iterations. Undo restores the weights from before training.</source>
        <translation>已完成 %1 次迭代。撤销可恢复训练前的权重。</translation>
    </message>
    <message>
        <source>Reset weights (seed %1)</source>
        <translation>重置权重（随机种子 %1）</translation>
    </message>
    <message>
        <source>New random weights from seed %1.</source>
        <translation>已用随机种子 %1 生成新的随机权重。</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>尽快（不限速）</translation>
    </message>
    <message>
        <source>1 iteration per second</source>
        <translation>每秒 1 次迭代</translation>
    </message>
    <message>
        <source>%1 iterations per second</source>
        <translation>每秒 %1 次迭代</translation>
    </message>
    <message>
        <source>Slow training down so a class can watch the loss and the decision boundary change, iteration by iteration. Remembered on this computer, not in the lesson.</source>
        <translation>放慢训练，让全班一次迭代一次迭代地观察损失和决策边界的变化。此设置保存在这台电脑上，不写入课件。</translation>
    </message>
    <message>
        <source>%1 for every weight (n_in, n_out: the layer's inputs and neurons); biases start at 0. Drawn from the training seed; can be undone.</source>
        <translation>每个权重 %1（n_in、n_out：该层的输入数与神经元数）；偏置从 0 开始。由训练种子生成，可撤销。</translation>
    </message>
    <message>
        <source>Dead ReLU: 1 hidden neuron outputs 0 for every training sample, so its weights no longer learn.</source>
        <translation>死亡 ReLU：有 1 个隐藏神经元对每个训练样本的输出都是 0，因此它的权重不再学习。</translation>
    </message>
    <message>
        <source>Dead ReLU: %1 hidden neurons output 0 for every training sample, so their weights no longer learn.</source>
        <translation>死亡 ReLU：有 %1 个隐藏神经元对每个训练样本的输出都是 0，因此它们的权重不再学习。</translation>
    </message>
    <message>
        <source>layer %1 neuron %2</source>
        <translation>第 %1 层第 %2 个神经元</translation>
    </message>
    <message>
        <source>Initialise weights: %1 (seed %2)</source>
        <translation>初始化权重：%1（种子 %2）</translation>
    </message>
    <message>
        <source>Weights initialised: %1, from seed %2.</source>
        <translation>权重已初始化：%1，种子 %2。</translation>
    </message>
    <message>
        <source>Symmetry: the neurons of hidden layer %1 stayed identical. They started with the same weights, so they always got the same gradient; random initial weights break the symmetry.</source>
        <translation>对称性：隐藏层 %1 的神经元始终完全相同。它们的初始权重相同，因此每次得到的梯度也相同；随机的初始权重才能打破对称性。</translation>
    </message>
</context>
<context>
    <name>EngineMessage</name>
    <message>
        <source>{where}: {problem}</source>
        <comment>at</comment>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <comment>where.row</comment>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>row {row}, column {column}</source>
        <comment>where.row_column</comment>
        <translation>第 {row} 行，列 {column}</translation>
    </message>
    <message>
        <source>row {row}, column {column}</source>
        <comment>where.row_column_number</comment>
        <translation>第 {row} 行，第 {column} 列</translation>
    </message>
    <message>
        <source>column {column}</source>
        <comment>where.column</comment>
        <translation>列 {column}</translation>
    </message>
    <message>
        <source>line {line}, column {column}</source>
        <comment>where.line_column</comment>
        <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
        <source>step {step}</source>
        <comment>where.step</comment>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>expected a finite number, got {value}</source>
        <comment>expected.finite_number_got</comment>
        <translation>应为有限的数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected {kind}, got {value}</source>
        <comment>expected.kind_got</comment>
        <translation>应为{kind}，实际为{value}</translation>
    </message>
    <message>
        <source>expected a finite number ≥ 0</source>
        <comment>expected.finite_non_negative</comment>
        <translation>应为 ≥ 0 的有限数</translation>
    </message>
    <message>
        <source>expected a whole number ≥ 1, got {value}</source>
        <comment>expected.whole_number_at_least_one_got</comment>
        <translation>应为 ≥ 1 的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected {rows}×{columns}, got {got_rows}×{got_columns}</source>
        <comment>expected.shape</comment>
        <translation>应为 {rows}×{columns}，实际为 {got_rows}×{got_columns}</translation>
    </message>
    <message>
        <source>expected {count} numbers, got {got}</source>
        <comment>expected.numbers</comment>
        <translation>应为 {count} 个数，实际为 {got} 个</translation>
    </message>
    <message>
        <source>expected {count} numbers per row, got {got}</source>
        <comment>expected.numbers_per_row</comment>
        <translation>每行应为 {count} 个数，实际为 {got} 个</translation>
    </message>
    <message>
        <source>expected {count} numbers like the first row, got {got}</source>
        <comment>expected.numbers_like_first_row</comment>
        <translation>应与第一行一样有 {count} 个数，实际为 {got} 个</translation>
    </message>
    <message>
        <source>expected {count} rows like inputs, got {got}</source>
        <comment>expected.rows_like_inputs</comment>
        <translation>应与输入一样为 {count} 行，实际为 {got} 行</translation>
    </message>
    <message>
        <source>expected 1 to {high}, got {value}</source>
        <comment>expected.one_to</comment>
        <translation>应为 1 到 {high}，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a whole number from {low} to {high}, got {value}</source>
        <comment>expected.whole_number_range</comment>
        <translation>应为 {low} 到 {high} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a number from {low} to {high}, got {value}</source>
        <comment>expected.number_range</comment>
        <translation>应为 {low} 到 {high} 之间的数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a number in {interval}, got {value}</source>
        <comment>expected.number_interval</comment>
        <translation>应为 {interval} 内的数，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a whole number</source>
        <comment>expected.whole_number</comment>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>expected a list of numbers</source>
        <comment>expected.list_of_numbers</comment>
        <translation>应为一列数</translation>
    </message>
    <message>
        <source>expected a list of rows</source>
        <comment>expected.list_of_rows</comment>
        <translation>应为若干行组成的列表</translation>
    </message>
    <message>
        <source>expected a list of layers</source>
        <comment>expected.list_of_layers</comment>
        <translation>应为由各层组成的列表</translation>
    </message>
    <message>
        <source>expected a non-empty list of rows</source>
        <comment>expected.non_empty_rows</comment>
        <translation>应为非空的若干行组成的列表</translation>
    </message>
    <message>
        <source>expected an object with inputs and targets</source>
        <comment>expected.inputs_and_targets</comment>
        <translation>应为包含 inputs 和 targets 的对象</translation>
    </message>
    <message>
        <source>expected an object with source and values</source>
        <comment>expected.source_and_values</comment>
        <translation>应为包含 source 和 values 的对象</translation>
    </message>
    <message>
        <source>expected an object of name: number</source>
        <comment>expected.name_number_object</comment>
        <translation>应为“名称: 数”形式的对象</translation>
    </message>
    <message>
        <source>expected an object</source>
        <comment>expected.object</comment>
        <translation>应为一个对象</translation>
    </message>
    <message>
        <source>expected the program as text</source>
        <comment>expected.program_text</comment>
        <translation>应为文本形式的程序</translation>
    </message>
    <message>
        <source>expected text, or an object of language: text</source>
        <comment>expected.text_or_languages</comment>
        <translation>应为文本，或“语言: 文本”形式的对象</translation>
    </message>
    <message>
        <source>text</source>
        <comment>kind.text</comment>
        <translation>文本</translation>
    </message>
    <message>
        <source>a list of column names</source>
        <comment>kind.column_names</comment>
        <translation>由列名组成的列表</translation>
    </message>
    <message>
        <source>true or false</source>
        <comment>kind.true_or_false</comment>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a whole number</source>
        <comment>kind.whole_number</comment>
        <translation>整数</translation>
    </message>
    <message>
        <source>a finite number</source>
        <comment>kind.finite_number</comment>
        <translation>有限的数</translation>
    </message>
    <message>
        <source>a list</source>
        <comment>kind.list</comment>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <comment>kind.object</comment>
        <translation>对象</translation>
    </message>
    <message>
        <source>unknown activation {name}; expected one of {names}</source>
        <comment>unknown.activation_one_of</comment>
        <translation>未知的激活函数 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>unknown activation {name}</source>
        <comment>unknown.activation</comment>
        <translation>未知的激活函数 {name}</translation>
    </message>
    <message>
        <source>unknown loss {name}; expected one of {names}</source>
        <comment>unknown.loss_one_of</comment>
        <translation>未知的损失函数 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>unknown loss {name}</source>
        <comment>unknown.loss</comment>
        <translation>未知的损失函数 {name}</translation>
    </message>
    <message>
        <source>unknown notation {name}; expected one of {names}</source>
        <comment>unknown.notation_one_of</comment>
        <translation>未知的记号 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>unknown optimizer {name}; expected one of {names}</source>
        <comment>unknown.optimizer_one_of</comment>
        <translation>未知的优化器 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>unknown optimizer {name}</source>
        <comment>unknown.optimizer</comment>
        <translation>未知的优化器 {name}</translation>
    </message>
    <message>
        <source>unknown export target {name}; expected {first} or {second}</source>
        <comment>unknown.export_target</comment>
        <translation>未知的导出目标 {name}；应为 {first} 或 {second}</translation>
    </message>
    <message>
        <source>softmax needs at least two output neurons</source>
        <comment>network.softmax_two_outputs</comment>
        <translation>softmax 至少需要两个输出神经元</translation>
    </message>
    <message>
        <source>softmax is for the output layer only</source>
        <comment>network.softmax_output_only</comment>
        <translation>softmax 只能用于输出层</translation>
    </message>
    <message>
        <source>{loss} needs a {activation} output layer, not {got}</source>
        <comment>network.loss_needs_output</comment>
        <translation>{loss} 需要 {activation} 输出层，而不是 {got}</translation>
    </message>
    <message>
        <source>a softmax output layer needs cross_entropy, not {loss}</source>
        <comment>network.softmax_needs_cross_entropy</comment>
        <translation>softmax 输出层需要交叉熵（cross_entropy），而不是 {loss}</translation>
    </message>
    <message>
        <source>needs an input layer and at least one more</source>
        <comment>network.too_few_layers</comment>
        <translation>需要一个输入层，以及至少一个其他层</translation>
    </message>
    <message>
        <source>at most {limit} layers, got {got}</source>
        <comment>network.max_layers_got</comment>
        <translation>最多 {limit} 层，实际为 {got} 层</translation>
    </message>
    <message>
        <source>at most {limit} layers</source>
        <comment>network.max_layers</comment>
        <translation>最多 {limit} 层</translation>
    </message>
    <message>
        <source>at most {limit} neurons</source>
        <comment>network.max_neurons</comment>
        <translation>最多 {limit} 个神经元</translation>
    </message>
    <message>
        <source>more than {limit} parameters</source>
        <comment>network.max_parameters</comment>
        <translation>参数超过 {limit} 个</translation>
    </message>
    <message>
        <source>a layer needs at least one neuron</source>
        <comment>network.layer_needs_neuron</comment>
        <translation>每层至少需要一个神经元</translation>
    </message>
    <message>
        <source>only hidden layers can be removed</source>
        <comment>network.only_hidden_removed</comment>
        <translation>只能删除隐藏层</translation>
    </message>
    <message>
        <source>a hidden layer goes between the input and output layers</source>
        <comment>network.hidden_goes_between</comment>
        <translation>隐藏层必须位于输入层和输出层之间</translation>
    </message>
    <message>
        <source>no neuron {number}</source>
        <comment>network.no_neuron</comment>
        <translation>没有第 {number} 个神经元</translation>
    </message>
    <message>
        <source>a layer with "bias": false has no biases</source>
        <comment>network.biases_without_bias</comment>
        <translation>"bias": false 的层不能有 biases（偏置）</translation>
    </message>
    <message>
        <source>this layer has no bias</source>
        <comment>network.no_bias</comment>
        <translation>这一层没有偏置</translation>
    </message>
    <message>
        <source>missing: a document needs a network or an expression</source>
        <comment>file.missing_network</comment>
        <translation>缺少内容：课程需要一个网络或一个表达式</translation>
    </message>
    <message>
        <source>not valid JSON (line {line}, column {column}: {reason})</source>
        <comment>json.invalid_at</comment>
        <translation>不是有效的 JSON（第 {line} 行，第 {column} 列：{reason}）</translation>
    </message>
    <message>
        <source>not valid JSON: {name} is not a finite number</source>
        <comment>json.constant</comment>
        <translation>不是有效的 JSON：{name} 不是有限的数</translation>
    </message>
    <message>
        <source>not a Backprop Studio document (expected a JSON object)</source>
        <comment>file.not_a_document</comment>
        <translation>不是反向传播工作室的课程（应为 JSON 对象）</translation>
    </message>
    <message>
        <source>expected {expected}, got {value}</source>
        <comment>file.format</comment>
        <translation>不是反向传播工作室的课程（格式为 {value}）</translation>
    </message>
    <message>
        <source>this file needs a newer Backprop Studio (version {version})</source>
        <comment>file.newer_version</comment>
        <translation>这个文件需要更新版本的反向传播工作室（版本 {version}）</translation>
    </message>
    <message>
        <source>not valid JSON (nested more than {limit} levels deep)</source>
        <comment>json.too_deep</comment>
        <translation>不是有效的 JSON（嵌套超过 {limit} 层）</translation>
    </message>
    <message>
        <source>nested more than {limit} levels deep</source>
        <comment>file.too_deep</comment>
        <translation>嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <source>not valid JSON (a number is too large; the limit is about {limit})</source>
        <comment>json.number_too_large</comment>
        <translation>不是有效的 JSON（有一个数太大；上限约为 {limit}）</translation>
    </message>
    <message>
        <source>a number is too large (the limit is about {limit})</source>
        <comment>file.number_too_large</comment>
        <translation>这个数太大（上限约为 {limit}）</translation>
    </message>
    <message>
        <source>not enough memory to read this file</source>
        <comment>file.no_memory</comment>
        <translation>内存不足，无法读取这个文件</translation>
    </message>
    <message>
        <source>the text holds a lone surrogate (text that is not valid Unicode)</source>
        <comment>file.text_surrogate</comment>
        <translation>文本中含有孤立的代理字符（不是有效的 Unicode 文本）</translation>
    </message>
    <message>
        <source>a name holds a lone surrogate (text that is not valid Unicode)</source>
        <comment>file.name_surrogate</comment>
        <translation>名称中含有孤立的代理字符（不是有效的 Unicode 文本）</translation>
    </message>
    <message>
        <source>at most {limit} characters, got {got}</source>
        <comment>file.max_characters</comment>
        <translation>最多 {limit} 个字符，实际为 {got}</translation>
    </message>
    <message>
        <source>at most {limit} values, got {got}</source>
        <comment>file.max_values</comment>
        <translation>最多 {limit} 个值，实际为 {got}</translation>
    </message>
    <message>
        <source>at most {limit} samples, got {got}</source>
        <comment>file.max_samples</comment>
        <translation>最多 {limit} 个样本，实际为 {got} 个</translation>
    </message>
    <message>
        <source>{name} is not a variable name</source>
        <comment>file.not_variable_name</comment>
        <translation>{name} 不是变量名</translation>
    </message>
    <message>
        <source>{name} is not a language code</source>
        <comment>file.not_language_code</comment>
        <translation>{name} 不是语言代码</translation>
    </message>
    <message>
        <source>{name} is {what}, not a file</source>
        <comment>file.not_regular</comment>
        <translation>{name} 是{what}，不是文件</translation>
    </message>
    <message>
        <source>{name} is too large (more than {size} MB; the limit is {limit} MB)</source>
        <comment>file.too_large_more_than</comment>
        <translation>{name} 太大（超过 {size} MB；上限为 {limit} MB）</translation>
    </message>
    <message>
        <source>{name} is too large ({size} MB; the limit is {limit} MB)</source>
        <comment>file.too_large</comment>
        <translation>{name} 太大（{size} MB；上限为 {limit} MB）</translation>
    </message>
    <message>
        <source>the lesson holds a number that is not finite; it cannot be saved</source>
        <comment>file.save_not_finite</comment>
        <translation>课程中有一个数不是有限的数，无法保存</translation>
    </message>
    <message>
        <source>the lesson is too large to save ({size} MB; the limit is {limit} MB)</source>
        <comment>file.save_too_large</comment>
        <translation>课程太大，无法保存（{size} MB；上限为 {limit} MB）</translation>
    </message>
    <message>
        <source>cannot read {name}: {reason}</source>
        <comment>file.cannot_read</comment>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <source>{name} is not a UTF-8 text file</source>
        <comment>file.not_utf8_named</comment>
        <translation>{name} 不是 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>not a UTF-8 text file</source>
        <comment>file.not_utf8</comment>
        <translation>不是 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>bce needs targets between 0 and 1</source>
        <comment>data.bce_targets</comment>
        <translation>bce 要求真实标签在 0 到 1 之间</translation>
    </message>
    <message>
        <source>cross_entropy needs one-hot or probability rows</source>
        <comment>data.cross_entropy_targets</comment>
        <translation>cross_entropy（交叉熵）要求每行是独热编码或概率分布</translation>
    </message>
    <message>
        <source>a folder</source>
        <comment>kind.folder</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a named pipe</source>
        <comment>kind.named_pipe</comment>
        <translation>命名管道</translation>
    </message>
    <message>
        <source>a device</source>
        <comment>kind.device</comment>
        <translation>设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <comment>kind.socket</comment>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a special file</source>
        <comment>kind.special_file</comment>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>there are no samples to train on</source>
        <comment>train.no_samples</comment>
        <translation>没有可用于训练的样本</translation>
    </message>
    <message>
        <source>more than {limit} iterations ({epochs} epochs of {batches} batches)</source>
        <comment>train.max_iterations</comment>
        <translation>超过 {limit} 次迭代（{epochs} 个轮次，每轮 {batches} 个批次）</translation>
    </message>
    <message>
        <source>the loss became {value}</source>
        <comment>train.loss_became</comment>
        <translation>损失变成了 {value}</translation>
    </message>
    <message>
        <source>a parameter became {value}</source>
        <comment>train.parameter_became</comment>
        <translation>某个参数变成了 {value}</translation>
    </message>
    <message>
        <source>the weight-decay term became {value}</source>
        <comment>train.decay_became</comment>
        <translation>权重衰减项变成了 {value}</translation>
    </message>
    <message>
        <source>Training diverged at the start: {what}. The data or the starting weights are too large.</source>
        <comment>train.diverged_at_start</comment>
        <translation>训练一开始就发散：{what}。数据或初始权重过大。</translation>
    </message>
    <message>
        <source>Training diverged at iteration {iteration}: {what}. Try a smaller learning rate or a smaller weight decay λ.</source>
        <comment>train.diverged_decay</comment>
        <translation>训练在第 {iteration} 次迭代时发散：{what}。请尝试更小的学习率或更小的权重衰减 λ。</translation>
    </message>
    <message>
        <source>Training diverged at iteration {iteration}: {what}. Try a smaller learning rate.</source>
        <comment>train.diverged</comment>
        <translation>训练在第 {iteration} 次迭代时发散：{what}。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>Finished {count} iterations.</source>
        <comment>train.finished</comment>
        <translation>已完成 {count} 次迭代。</translation>
    </message>
    <message>
        <source>Stopped after {done} of {total} iterations.</source>
        <comment>train.stopped</comment>
        <translation>在 {total} 次迭代中的第 {done} 次后停止。</translation>
    </message>
    <message>
        <source>missing: the gradient check needs samples</source>
        <comment>check.no_samples</comment>
        <translation>缺少内容：梯度检验需要样本</translation>
    </message>
    <message>
        <source>the gradient check needs the same, non-zero number of input and target rows</source>
        <comment>check.rows</comment>
        <translation>梯度检验要求输入行数与真实标签行数相同且不为零</translation>
    </message>
    <message>
        <source>checked on the first {used} of {total} samples</source>
        <comment>check.first_samples</comment>
        <translation>只检验了 {total} 个样本中的前 {used} 个</translation>
    </message>
    <message>
        <source>the training step was not checked: {reason}</source>
        <comment>check.training_not_checked</comment>
        <translation>没有检验训练步骤：{reason}</translation>
    </message>
    <message>
        <source>the step graph was checked on the first {used} of {total} samples</source>
        <comment>check.graph_first_samples</comment>
        <translation>计算图只在 {total} 个样本中的前 {used} 个上检验</translation>
    </message>
    <message>
        <source>the step graph was not checked: it is compiled for networks of up to {limit} parameters (this one has {count})</source>
        <comment>check.graph_not_checked</comment>
        <translation>没有检验计算图：只为最多 {limit} 个参数的网络构建计算图（这个网络有 {count} 个）</translation>
    </message>
    <message>
        <source>checked {picked} of {total} weights in {group}, chosen at random</source>
        <comment>check.weights_chosen</comment>
        <translation>在 {group} 的 {total} 个权重中随机检验了 {picked} 个</translation>
    </message>
    <message>
        <source>checked {picked} of {total} biases in {group}, chosen at random</source>
        <comment>check.biases_chosen</comment>
        <translation>在 {group} 的 {total} 个偏置中随机检验了 {picked} 个</translation>
    </message>
    <message>
        <source>near 0, h = ε·|x| was used for: {names}</source>
        <comment>check.near_zero</comment>
        <translation>在 0 附近改用步长 h = ε·|x|：{names}</translation>
    </message>
    <message>
        <source>Operation steps are available up to {limit} parameters; this network has {count}. Use neuron steps.</source>
        <comment>size.operation_steps</comment>
        <translation>按运算单步最多支持 {limit} 个参数；这个网络有 {count} 个。请使用按神经元单步。</translation>
    </message>
    <message>
        <source>The derivation has {steps} steps; handouts are written up to {limit} steps. Use a smaller network.</source>
        <comment>size.derivation</comment>
        <translation>推导过程有 {steps} 步；讲义最多写入 {limit} 步。请使用更小的网络。</translation>
    </message>
    <message>
        <source>only network lessons with data can be exported as a script</source>
        <comment>export.needs_data</comment>
        <translation>只有带数据的网络课程才能导出为脚本</translation>
    </message>
    <message>
        <source>this lesson is an expression; train needs a network</source>
        <comment>cli.expression_not_network</comment>
        <translation>这个课程是表达式；训练需要一个网络</translation>
    </message>
    <message>
        <source>this lesson has no data to train on (add a "data" section)</source>
        <comment>cli.no_data</comment>
        <translation>这个课程没有可训练的数据（请添加 “data” 部分）</translation>
    </message>
    <message>
        <source>the loss or a gradient is not a finite number (the numbers overflow)</source>
        <comment>cli.overflow</comment>
        <translation>损失或某个梯度不是有限的数（数值溢出）</translation>
    </message>
    <message>
        <source>line {line}: {reason} ({symbol} is not a finite number)</source>
        <comment>cli.line_not_finite</comment>
        <translation>第 {line} 行：{reason}（{symbol} 不是有限的数）</translation>
    </message>
    <message>
        <source>the result or a gradient is not a finite number</source>
        <comment>cli.result_not_finite</comment>
        <translation>结果或某个梯度不是有限的数</translation>
    </message>
    <message>
        <source>'{name}' has no value: give it a value, or assign it before this line</source>
        <comment>expr.no_value</comment>
        <translation>“{name}”没有值：请给它一个值，或在这一行之前给它赋值</translation>
    </message>
    <message>
        <source>the value of '{name}' must be a finite number, not {value}</source>
        <comment>expr.value_not_finite</comment>
        <translation>“{name}”的值必须是有限的数，而不是 {value}</translation>
    </message>
    <message>
        <source>the program must be text</source>
        <comment>expr.not_text</comment>
        <translation>程序必须是文本</translation>
    </message>
    <message>
        <source>the program is too long ({length} characters; the limit is {limit})</source>
        <comment>expr.too_long</comment>
        <translation>程序太长（{length} 个字符；上限为 {limit}）</translation>
    </message>
    <message>
        <source>the program has too many statements ({count}; the limit is {limit})</source>
        <comment>expr.too_many_statements</comment>
        <translation>程序中的语句太多（{count} 条；上限为 {limit}）</translation>
    </message>
    <message>
        <source>the program makes too many nodes (the limit is {limit})</source>
        <comment>expr.too_many_nodes</comment>
        <translation>程序生成的节点太多（上限为 {limit}）</translation>
    </message>
    <message>
        <source>the program is nested too deeply (more than {limit} levels); split it into several assignments</source>
        <comment>expr.program_too_deep</comment>
        <translation>程序嵌套太深（超过 {limit} 层）；请把它拆成几条赋值语句</translation>
    </message>
    <message>
        <source>the expression is nested too deeply (more than {limit} levels); split it into several assignments</source>
        <comment>expr.expression_too_deep</comment>
        <translation>表达式嵌套太深（超过 {limit} 层）；请把它拆成几条赋值语句</translation>
    </message>
    <message>
        <source>the program has no assignment: write one, for example {example}</source>
        <comment>expr.no_assignment</comment>
        <translation>程序中没有赋值语句：请写一条，例如 {example}</translation>
    </message>
    <message>
        <source>this is not a valid program ({reason})</source>
        <comment>expr.invalid</comment>
        <translation>这不是有效的程序（{reason}）</translation>
    </message>
    <message>
        <source>assign one name at a time (a = b = … is not allowed)</source>
        <comment>expr.one_name</comment>
        <translation>一次只能给一个名称赋值（不允许 a = b = …）</translation>
    </message>
    <message>
        <source>this line computes a value but has no assignment: write it as an assignment, for example {example}</source>
        <comment>expr.value_without_assignment</comment>
        <translation>这一行计算了一个值，但没有赋值：请把它写成赋值语句，例如 {example}</translation>
    </message>
    <message>
        <source>only a plain name can be assigned, for example {example}</source>
        <comment>expr.plain_name</comment>
        <translation>只能给一个简单的名称赋值，例如 {example}</translation>
    </message>
    <message>
        <source>'{name}' is a function name; choose another name for the variable</source>
        <comment>expr.function_name</comment>
        <translation>“{name}”是函数名；请给变量另选一个名称</translation>
    </message>
    <message>
        <source>'{name}' is a function; call it with one argument, like {example}</source>
        <comment>expr.call_function</comment>
        <translation>“{name}”是函数；调用时请给一个参数，例如 {example}</translation>
    </message>
    <message>
        <source>the operator {symbol}= is not allowed in an expression lesson; use {allowed}</source>
        <comment>expr.augmented_operator</comment>
        <translation>表达式课程中不允许使用运算符 {symbol}=；请使用 +=、-=、*=、/= 或 **=</translation>
    </message>
    <message>
        <source>the operator {symbol} is not allowed in an expression lesson; use {allowed}</source>
        <comment>expr.operator</comment>
        <translation>表达式课程中不允许使用运算符 {symbol}；请使用 {allowed}</translation>
    </message>
    <message>
        <source>the operator {symbol} is not allowed in an expression lesson; only unary - and + are</source>
        <comment>expr.unary_operator</comment>
        <translation>表达式课程中不允许使用运算符 {symbol}；一元运算符只允许 - 和 +</translation>
    </message>
    <message>
        <source>only the functions {names} can be called</source>
        <comment>expr.only_functions</comment>
        <translation>只能调用这些函数：{names}</translation>
    </message>
    <message>
        <source>unknown function '{name}': the functions are {names}</source>
        <comment>expr.unknown_function</comment>
        <translation>未知的函数“{name}”：可用的函数有 {names}</translation>
    </message>
    <message>
        <source>{name} takes exactly one argument, like {example}</source>
        <comment>expr.one_argument</comment>
        <translation>{name} 只接受一个参数，例如 {example}</translation>
    </message>
    <message>
        <source>this number is too large</source>
        <comment>expr.number_too_large</comment>
        <translation>这个数太大了</translation>
    </message>
    <message>
        <source>invalid character U+{code} (not valid text)</source>
        <comment>expr.invalid_character</comment>
        <translation>无效字符 U+{code}（不是有效的文本）</translation>
    </message>
    <message>
        <source>{what} is not allowed in an expression lesson</source>
        <comment>expr.not_allowed</comment>
        <translation>表达式课程中不允许使用{what}</translation>
    </message>
    <message>
        <source>attribute access (a.b)</source>
        <comment>construct.attribute</comment>
        <translation>属性访问（a.b）</translation>
    </message>
    <message>
        <source>a comparison (&lt;, &gt;, ==, …)</source>
        <comment>construct.comparison</comment>
        <translation>比较运算（&lt;、&gt;、== 等）</translation>
    </message>
    <message>
        <source>and / or</source>
        <comment>construct.and_or</comment>
        <translation>逻辑运算 and / or</translation>
    </message>
    <message>
        <source>indexing with [ ]</source>
        <comment>construct.indexing</comment>
        <translation>用 [ ] 取下标</translation>
    </message>
    <message>
        <source>slicing with [ : ]</source>
        <comment>construct.slicing</comment>
        <translation>用 [ : ] 切片</translation>
    </message>
    <message>
        <source>a list</source>
        <comment>construct.list</comment>
        <translation>列表</translation>
    </message>
    <message>
        <source>a tuple</source>
        <comment>construct.tuple</comment>
        <translation>元组</translation>
    </message>
    <message>
        <source>a dictionary</source>
        <comment>construct.dictionary</comment>
        <translation>字典</translation>
    </message>
    <message>
        <source>a set</source>
        <comment>construct.set</comment>
        <translation>集合</translation>
    </message>
    <message>
        <source>a list comprehension</source>
        <comment>construct.list_comprehension</comment>
        <translation>列表推导式</translation>
    </message>
    <message>
        <source>a set comprehension</source>
        <comment>construct.set_comprehension</comment>
        <translation>集合推导式</translation>
    </message>
    <message>
        <source>a dictionary comprehension</source>
        <comment>construct.dictionary_comprehension</comment>
        <translation>字典推导式</translation>
    </message>
    <message>
        <source>a generator expression</source>
        <comment>construct.generator_expression</comment>
        <translation>生成器表达式</translation>
    </message>
    <message>
        <source>a conditional expression (a if c else b)</source>
        <comment>construct.conditional</comment>
        <translation>条件表达式（a if c else b）</translation>
    </message>
    <message>
        <source>the := operator</source>
        <comment>construct.walrus</comment>
        <translation>:= 运算符</translation>
    </message>
    <message>
        <source>unpacking with *</source>
        <comment>construct.unpacking</comment>
        <translation>用 * 解包</translation>
    </message>
    <message>
        <source>text in quotes (a string)</source>
        <comment>construct.string</comment>
        <translation>引号中的文本（字符串）</translation>
    </message>
    <message>
        <source>defining a function</source>
        <comment>construct.defining_a_function</comment>
        <translation>定义函数</translation>
    </message>
    <message>
        <source>defining a class</source>
        <comment>construct.defining_a_class</comment>
        <translation>定义类</translation>
    </message>
    <message>
        <source>an annotated assignment (x: float = …)</source>
        <comment>construct.annotated</comment>
        <translation>带类型注解的赋值（x: float = …）</translation>
    </message>
    <message>
        <source>a loop</source>
        <comment>construct.loop</comment>
        <translation>循环</translation>
    </message>
    <message>
        <source>{word}</source>
        <comment>construct.keyword</comment>
        <translation>“{word}”</translation>
    </message>
    <message>
        <source>{value} (a truth value)</source>
        <comment>construct.truth_value</comment>
        <translation>“{value}”（真值）</translation>
    </message>
    <message>
        <source>a complex number</source>
        <comment>construct.complex</comment>
        <translation>复数</translation>
    </message>
    <message>
        <source>this construct ({name})</source>
        <comment>construct.other</comment>
        <translation>这种结构（{name}）</translation>
    </message>
    <message>
        <source>this operator</source>
        <comment>construct.this_operator</comment>
        <translation>（未知的运算符）</translation>
    </message>
    <message>
        <source>check for a missing number, name, operator or bracket</source>
        <comment>python.invalid_syntax</comment>
        <translation>请检查是否缺少数、名称、运算符或括号</translation>
    </message>
    <message>
        <source>'{bracket}' was never closed</source>
        <comment>python.never_closed</comment>
        <translation>“{bracket}”没有闭合</translation>
    </message>
    <message>
        <source>unmatched '{bracket}'</source>
        <comment>python.unmatched</comment>
        <translation>“{bracket}”没有与之配对的括号</translation>
    </message>
    <message>
        <source>closing parenthesis '{closing}' does not match opening parenthesis '{opening}' on line {line}</source>
        <comment>python.mismatch_line</comment>
        <translation>右括号“{closing}”与第 {line} 行的左括号“{opening}”不匹配</translation>
    </message>
    <message>
        <source>closing parenthesis '{closing}' does not match opening parenthesis '{opening}'</source>
        <comment>python.mismatch</comment>
        <translation>右括号“{closing}”与左括号“{opening}”不匹配</translation>
    </message>
    <message>
        <source>unexpected indent</source>
        <comment>python.unexpected_indent</comment>
        <translation>意外的缩进</translation>
    </message>
    <message>
        <source>unindent does not match any outer indentation level</source>
        <comment>python.unindent</comment>
        <translation>取消缩进后与外层的任何缩进都不对齐</translation>
    </message>
    <message>
        <source>expected an indented block after '{keyword}' statement on line {line}</source>
        <comment>python.indented_block</comment>
        <translation>第 {line} 行的“{keyword}”语句之后应有缩进的代码块</translation>
    </message>
    <message>
        <source>unterminated string literal (detected at line {line})</source>
        <comment>python.unterminated_string</comment>
        <translation>字符串没有结束（在第 {line} 行发现）</translation>
    </message>
    <message>
        <source>unterminated triple-quoted string literal (detected at line {line})</source>
        <comment>python.unterminated_triple</comment>
        <translation>三引号字符串没有结束（在第 {line} 行发现）</translation>
    </message>
    <message>
        <source>invalid decimal literal</source>
        <comment>python.decimal</comment>
        <translation>无效的十进制数</translation>
    </message>
    <message>
        <source>invalid hexadecimal literal</source>
        <comment>python.hexadecimal</comment>
        <translation>无效的十六进制数</translation>
    </message>
    <message>
        <source>invalid octal literal</source>
        <comment>python.octal</comment>
        <translation>无效的八进制数</translation>
    </message>
    <message>
        <source>invalid binary literal</source>
        <comment>python.binary</comment>
        <translation>无效的二进制数</translation>
    </message>
    <message>
        <source>invalid imaginary literal</source>
        <comment>python.imaginary</comment>
        <translation>无效的虚数</translation>
    </message>
    <message>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <comment>python.leading_zeros</comment>
        <translation>整数不能以 0 开头</translation>
    </message>
    <message>
        <source>invalid character '{character}' (U+{code})</source>
        <comment>python.character</comment>
        <translation>无效的字符“{character}”（U+{code}）</translation>
    </message>
    <message>
        <source>invalid non-printable character U+{code}</source>
        <comment>python.non_printable</comment>
        <translation>无效的不可见字符 U+{code}</translation>
    </message>
    <message>
        <source>unexpected character after line continuation character</source>
        <comment>python.continuation</comment>
        <translation>续行反斜杠后面有意外的字符</translation>
    </message>
    <message>
        <source>cannot assign to literal</source>
        <comment>python.assign_literal</comment>
        <translation>不能给数或文本赋值</translation>
    </message>
    <message>
        <source>cannot assign to literal here. Maybe you meant '==' instead of '='?</source>
        <comment>python.assign_literal_here</comment>
        <translation>不能给数或文本赋值</translation>
    </message>
    <message>
        <source>cannot assign to expression</source>
        <comment>python.assign_expression</comment>
        <translation>不能给表达式赋值</translation>
    </message>
    <message>
        <source>cannot assign to expression here. Maybe you meant '==' instead of '='?</source>
        <comment>python.assign_expression_here</comment>
        <translation>不能给表达式赋值</translation>
    </message>
    <message>
        <source>cannot assign to function call</source>
        <comment>python.assign_call</comment>
        <translation>不能给函数调用赋值</translation>
    </message>
    <message>
        <source>cannot assign to function call here. Maybe you meant '==' instead of '='?</source>
        <comment>python.assign_call_here</comment>
        <translation>不能给函数调用赋值</translation>
    </message>
    <message>
        <source>expected ':'</source>
        <comment>python.expected_colon</comment>
        <translation>此处应为“:”</translation>
    </message>
    <message>
        <source>expected 'else' after 'if' expression</source>
        <comment>python.expected_else</comment>
        <translation>“if”表达式之后应有“else”</translation>
    </message>
    <message>
        <source>invalid syntax. Perhaps you forgot a comma?</source>
        <comment>python.comma</comment>
        <translation>语法无效。是否缺少逗号？</translation>
    </message>
    <message>
        <source>positional argument follows keyword argument</source>
        <comment>python.positional</comment>
        <translation>位置参数出现在关键字参数之后</translation>
    </message>
    <message>
        <source>unexpected EOF while parsing</source>
        <comment>python.eof</comment>
        <translation>程序过早结束</translation>
    </message>
    <message>
        <source>{symbol} is not a finite number ({reason})</source>
        <comment>value.not_finite</comment>
        <translation>{symbol} 不是有限的数（{reason}）</translation>
    </message>
    <message>
        <source>log needs a positive number</source>
        <comment>reason.log</comment>
        <translation>log 需要正数</translation>
    </message>
    <message>
        <source>sqrt needs a number ≥ 0</source>
        <comment>reason.sqrt</comment>
        <translation>sqrt 需要 ≥ 0 的数</translation>
    </message>
    <message>
        <source>division by zero</source>
        <comment>reason.division_by_zero</comment>
        <translation>除以零</translation>
    </message>
    <message>
        <source>exp overflows for numbers above about 709</source>
        <comment>reason.exp</comment>
        <translation>exp 在大于约 709 的数上会溢出</translation>
    </message>
    <message>
        <source>the result is too large for a float64 number</source>
        <comment>reason.too_large</comment>
        <translation>结果超出了 float64 能表示的范围</translation>
    </message>
    <message>
        <source>the result is not a finite number</source>
        <comment>reason.not_finite</comment>
        <translation>结果不是有限的数</translation>
    </message>
    <message>
        <source>0 to a negative power is a division by zero</source>
        <comment>reason.zero_negative_power</comment>
        <translation>0 的负数次幂相当于除以零</translation>
    </message>
    <message>
        <source>this power is not defined for a negative base</source>
        <comment>reason.negative_base</comment>
        <translation>负数的这个幂没有定义</translation>
    </message>
    <message>
        <source>the derivative of {of} with respect to {wrt} is not finite at {at}</source>
        <comment>reason.derivative</comment>
        <translation>{of} 对 {wrt} 的导数在 {at} 处不是有限的数</translation>
    </message>
    <message>
        <source>this value</source>
        <comment>reason.this_value</comment>
        <translation>这个值</translation>
    </message>
    <message>
        <source>every column is a target; at least one input column is needed</source>
        <comment>csv.all_targets</comment>
        <translation>所有列都是目标列；至少需要一个输入列</translation>
    </message>
    <message>
        <source>the class label is empty</source>
        <comment>csv.empty_label</comment>
        <translation>类别标签为空</translation>
    </message>
    <message>
        <source>the text is larger than the limit of {limit} MB</source>
        <comment>csv.text_too_large</comment>
        <translation>文本超过了 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>the file is {size} MB; the limit is {limit} MB</source>
        <comment>csv.file_too_large</comment>
        <translation>文件大小为 {size} MB；上限为 {limit} MB</translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <comment>csv.cannot_read</comment>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>cannot read the text: it is not UTF-8, GB18030 (GBK) or UTF-16</source>
        <comment>csv.unknown_encoding</comment>
        <translation>无法读取文本：它不是 UTF-8、GB18030（GBK）或 UTF-16 编码</translation>
    </message>
    <message>
        <source>expected {count} columns, got {got}</source>
        <comment>csv.columns</comment>
        <translation>应为 {count} 列，实际为 {got} 列</translation>
    </message>
    <message>
        <source>the file is empty; expected a header row and data rows</source>
        <comment>csv.empty_file</comment>
        <translation>文件是空的；应有一个标题行和若干数据行</translation>
    </message>
    <message>
        <source>more than {limit} columns</source>
        <comment>csv.max_columns</comment>
        <translation>超过 {limit} 列</translation>
    </message>
    <message>
        <source>more than {limit} data rows</source>
        <comment>csv.max_rows</comment>
        <translation>数据行超过 {limit} 行</translation>
    </message>
    <message>
        <source>not valid CSV ({reason})</source>
        <comment>csv.invalid</comment>
        <translation>不是有效的 CSV（{reason}）</translation>
    </message>
    <message>
        <source>no data rows after the header</source>
        <comment>csv.no_rows</comment>
        <translation>标题行之后没有数据行</translation>
    </message>
    <message>
        <source>the header has an empty column name</source>
        <comment>csv.empty_name</comment>
        <translation>标题行中有一列的列名为空</translation>
    </message>
    <message>
        <source>the column name {name} appears twice</source>
        <comment>csv.name_twice</comment>
        <translation>列名 {name} 出现了两次</translation>
    </message>
    <message>
        <source>choose at least one target column</source>
        <comment>csv.choose_target</comment>
        <translation>请至少选择一个目标列</translation>
    </message>
    <message>
        <source>no column {name}; the columns are {names}</source>
        <comment>csv.no_column</comment>
        <translation>没有列 {name}；现有的列为 {names}</translation>
    </message>
    <message>
        <source>column {name} is chosen twice</source>
        <comment>csv.chosen_twice</comment>
        <translation>列 {name} 被选择了两次</translation>
    </message>
    <message>
        <source>the value is empty</source>
        <comment>csv.empty_value</comment>
        <translation>值为空</translation>
    </message>
    <message>
        <source>{quoted} is not a number</source>
        <comment>csv.not_a_number</comment>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <source>{quoted} is not a finite number</source>
        <comment>csv.not_finite</comment>
        <translation>“{text}”不是有限的数</translation>
    </message>
    <message>
        <source>needs at least two classes, found only {label}</source>
        <comment>csv.two_classes</comment>
        <translation>至少需要两个类别，只找到了 {label}</translation>
    </message>
    <message>
        <source>has {count} classes; at most {limit} (one output neuron per class)</source>
        <comment>csv.max_classes</comment>
        <translation>有 {count} 个类别；最多 {limit} 个（每个类别一个输出神经元）</translation>
    </message>
    <message>
        <source>line contains NUL</source>
        <comment>csv.reader_nul</comment>
        <translation>这一行包含 NUL 字符</translation>
    </message>
    <message>
        <source>field larger than field limit ({limit})</source>
        <comment>csv.reader_field_limit</comment>
        <translation>某个字段超过了 {limit} 个字符的上限</translation>
    </message>
    <message>
        <source>new-line character seen in unquoted field - do you need to open the file with newline=''?</source>
        <comment>csv.reader_newline</comment>
        <translation>未加引号的字段中有换行</translation>
    </message>
    <message>
        <source>unexpected end of data</source>
        <comment>csv.reader_end</comment>
        <translation>数据意外结束</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <comment>json.expecting_value</comment>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <comment>json.expecting_name</comment>
        <translation>此处应为用双引号括起来的属性名</translation>
    </message>
    <message>
        <source>Expecting ':' delimiter</source>
        <comment>json.expecting_colon</comment>
        <translation>此处应为分隔符“:”</translation>
    </message>
    <message>
        <source>Expecting ',' delimiter</source>
        <comment>json.expecting_comma</comment>
        <translation>此处应为分隔符“,”</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <comment>json.unterminated_string</comment>
        <translation>从这里开始的字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <comment>json.control_character</comment>
        <translation>无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <comment>json.escape</comment>
        <translation>无效的反斜杠转义</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <comment>json.unicode_escape</comment>
        <translation>无效的 Unicode 反斜杠转义</translation>
    </message>
    <message>
        <source>Extra data</source>
        <comment>json.extra_data</comment>
        <translation>结尾之后有多余的数据</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <comment>json.trailing_comma_object</comment>
        <translation>右括号前多了一个逗号</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <comment>json.trailing_comma_array</comment>
        <translation>右括号前多了一个逗号</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <comment>os.no_such_file</comment>
        <translation>没有这个文件或目录</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <comment>os.permission_denied</comment>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <comment>os.is_a_directory</comment>
        <translation>这是一个目录</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <comment>os.not_a_directory</comment>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>File name too long</source>
        <comment>os.name_too_long</comment>
        <translation>文件名太长</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <comment>os.io_error</comment>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <comment>os.too_many_files</comment>
        <translation>打开的文件太多</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <comment>typed.not_a_number</comment>
        <translation>{value} 不是数</translation>
    </message>
    <message>
        <source>{value} divides by zero</source>
        <comment>typed.zero_denominator</comment>
        <translation>{value} 除以零</translation>
    </message>
    <message>
        <source>Correct.</source>
        <comment>answer.correct</comment>
        <translation>正确。</translation>
    </message>
    <message>
        <source>Not quite: close, but not right to the digits you typed.</source>
        <comment>answer.not_quite</comment>
        <translation>差一点：接近，但与你输入的位数不符。</translation>
    </message>
    <message>
        <source>Not quite: give at least {digits} significant digits.</source>
        <comment>answer.too_few_digits</comment>
        <translation>差一点：请至少给出 {digits} 位有效数字。</translation>
    </message>
    <message>
        <source>Not right.</source>
        <comment>answer.wrong</comment>
        <translation>不对。</translation>
    </message>
    <message>
        <source>The true value is {value}.</source>
        <comment>answer.true_value</comment>
        <translation>真实值为 {value}。</translation>
    </message>
    <message>
        <source>Expected {count} numbers, got {got}.</source>
        <comment>answer.count</comment>
        <translation>应为 {count} 个数，实际为 {got} 个。</translation>
    </message>
    <message>
        <source>You left out {slope}, the activation's slope.</source>
        <comment>mistake.forgot_slope</comment>
        <translation>你漏掉了激活函数的斜率 {slope}。</translation>
    </message>
    <message>
        <source>The sign is the wrong way round.</source>
        <comment>mistake.sign</comment>
        <translation>符号反了。</translation>
    </message>
    <message>
        <source>Rows and columns are swapped: {symbol} is {rows}×{columns}.</source>
        <comment>mistake.transposed</comment>
        <translation>行和列颠倒了：{symbol} 是 {rows}×{columns}。</translation>
    </message>
    <message>
        <source>A transpose is missing: multiply by {factor}ᵀ, not {factor}.</source>
        <comment>mistake.missing_transpose</comment>
        <translation>少了一次转置：应乘以 {factor}ᵀ，而不是 {factor}。</translation>
    </message>
    <message>
        <source>{symbol} is {rows}×{columns}; your answer is {got}.</source>
        <comment>mistake.shape</comment>
        <translation>{symbol} 是 {rows}×{columns}；你的答案是 {got}。</translation>
    </message>
    <message>
        <source>You used numbers rounded to {digits} significant digits: keep more digits until the end.</source>
        <comment>mistake.rounded_digits</comment>
        <translation>你用了四舍五入到 {digits} 位有效数字的数：在算完之前请多保留几位。</translation>
    </message>
    <message>
        <source>You used numbers rounded to {digits} decimals: keep more digits until the end.</source>
        <comment>mistake.rounded_decimals</comment>
        <translation>你用了四舍五入到 {digits} 位小数的数：在算完之前请多保留几位。</translation>
    </message>
    <message>
        <source>You used only the path through {consumer}: {symbol} feeds {count} nodes, and their contributions add up.</source>
        <comment>mistake.fan_out</comment>
        <translation>你只用了经过 {consumer} 的路径：{symbol} 连接到 {count} 个节点，它们的贡献要相加。</translation>
    </message>
    <message>
        <source>You left out λ{weight}, the weight-decay term of {gradient}.</source>
        <comment>mistake.decay</comment>
        <translation>你漏掉了 λ{weight}，即 {gradient} 中的权重衰减项。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is correct.</source>
        <comment>hand.correct</comment>
        <translation>{symbol} = {value} 正确。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is correct within rounding (the true {true} rounds to {rounded}).</source>
        <comment>hand.rounding</comment>
        <translation>{symbol} = {value} 在舍入范围内正确（真实值 {true} 舍入后为 {rounded}）。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is right to one significant digit, but hides the true {true}.</source>
        <comment>hand.one_digit</comment>
        <translation>{symbol} = {value} 只有一位有效数字是对的，掩盖了真实值 {true}。</translation>
    </message>
    <message>
        <source>{symbol} = {value} agrees with the true {true} at the digits shown, but does not follow from your own values: {working}.</source>
        <comment>hand.correct_not_following</comment>
        <translation>{symbol} = {value} 在所示位数上与真实值 {true} 一致，但不是由你自己前面的值得出的：{working}。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is carried over: right arithmetic on the wrong {roots}; the true value is {true}.</source>
        <comment>hand.carried</comment>
        <translation>{symbol} = {value} 沿用了前面的错误值：计算本身正确，但用了错误的 {roots}；真实值为 {true}。</translation>
    </message>
    <message>
        <source>{symbol} = {value} follows from your own rounded values; the true value is {true}.</source>
        <comment>hand.carried_rounding</comment>
        <translation>{symbol} = {value} 由你自己舍入后的值得出；真实值为 {true}。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is a slip: {working}.</source>
        <comment>hand.slip</comment>
        <translation>{symbol} = {value} 是计算失误：{working}。</translation>
    </message>
    <message>
        <source>{symbol} = {value} is a slip: {working}, and the true value is {true}.</source>
        <comment>hand.slip_own</comment>
        <translation>{symbol} = {value} 是计算失误：{working}，而真实值为 {true}。</translation>
    </message>
    <message>
        <source>{symbol} is transposed: rows and columns are swapped ({symbol} is {rows}×{columns}).</source>
        <comment>hand.transposed</comment>
        <translation>{symbol} 转置了：行和列颠倒（{symbol} 是 {rows}×{columns}）。</translation>
    </message>
    <message>
        <source>The first slip is {symbol}: every later difference comes from it.</source>
        <comment>hand.first_slip</comment>
        <translation>第一个计算失误是 {symbol}：之后的所有差异都来自它。</translation>
    </message>
    <message>
        <source>The first slip is {symbol}; {others} are further independent slips.</source>
        <comment>hand.first_slip_and_others</comment>
        <translation>第一个计算失误是 {symbol}；{others} 是另外的独立计算失误。</translation>
    </message>
    <message>
        <source>{symbol}: this lesson has no step with this symbol.</source>
        <comment>hand.unknown_symbol</comment>
        <translation>{symbol}：本课没有这个符号的步骤。</translation>
    </message>
    <message>
        <source>{symbol}: {problem}.</source>
        <comment>hand.unreadable</comment>
        <translation>{symbol}：{problem}。</translation>
    </message>
    <message>
        <source>{symbol}: expected {count} numbers, got {got}.</source>
        <comment>hand.count</comment>
        <translation>{symbol}：应为 {count} 个数，实际为 {got} 个。</translation>
    </message>
    <message>
        <source>expected a symbol and a value</source>
        <comment>hand.row_pair</comment>
        <translation>应为一个符号和一个值</translation>
    </message>
    <message>
        <source>expected one of {names}, got {value}</source>
        <comment>hand.granularity</comment>
        <translation>应为 {names} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>this lesson has no hand calculation; give a table of values</source>
        <comment>hand.no_calculation</comment>
        <translation>本课没有手算数据；请给出一个数值表</translation>
    </message>
    <message>
        <source>expected a list of notes</source>
        <comment>notes.list</comment>
        <translation>应为一个批注列表</translation>
    </message>
    <message>
        <source>at most {limit} notes, got {got}</source>
        <comment>notes.max_notes</comment>
        <translation>最多 {limit} 条批注，实际为 {got} 条</translation>
    </message>
    <message>
        <source>unknown field {name}; a note has phase, symbol and text</source>
        <comment>notes.unknown_key</comment>
        <translation>未知字段 {name}；批注只有 phase、symbol 和 text</translation>
    </message>
    <message>
        <source>expected one of {names}, got {value}</source>
        <comment>notes.phase</comment>
        <translation>应为 {names} 之一，实际为 {value}</translation>
    </message>
    <message>
        <source>expected the step's symbol as text</source>
        <comment>notes.symbol</comment>
        <translation>应为该步的符号（文本）</translation>
    </message>
    <message>
        <source>expected the note's text, or an object of language: text</source>
        <comment>notes.text</comment>
        <translation>应为批注文本，或“语言: 文本”的对象</translation>
    </message>
    <message>
        <source>{name} is not a language of the notes ({names})</source>
        <comment>notes.language</comment>
        <translation>{name} 不是批注可用的语言（{names}）</translation>
    </message>
    <message>
        <source>a second note for the {phase} step {symbol}</source>
        <comment>notes.duplicate</comment>
        <translation>{phase} 阶段的步骤 {symbol} 已有一条批注</translation>
    </message>
</context></TS>