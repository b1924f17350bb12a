"""Small CRNN for CTC line recognition: conv stack (height 32 -> 1, width / 4),
2-layer BiLSTM, linear to blank + charset. Shapes are kept export-friendly for
OpenCV 4.6 DNN (reshape, no squeeze; LSTM without explicit initial states)."""
import torch
import torch.nn as nn


def conv_bn(cin, cout, k=3, p=1):
    return [nn.Conv2d(cin, cout, k, padding=p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class CRNN(nn.Module):
    def __init__(self, num_classes, width=(16, 32, 64, 64, 96, 128), hidden=96, lstm=True, layers=2, tkernel=5):
        super().__init__()
        c1, c2, c3, c4, c5, c6 = width
        convs = []
        convs += conv_bn(1, c1) + [nn.MaxPool2d(2, 2)]            # 16 x W/2
        convs += conv_bn(c1, c2) + [nn.MaxPool2d(2, 2)]           # 8 x W/4
        convs += conv_bn(c2, c3) + conv_bn(c3, c4) + [nn.MaxPool2d((2, 1), (2, 1))]  # 4
        convs += conv_bn(c4, c5) + [nn.MaxPool2d((2, 1), (2, 1))]  # 2
        convs += conv_bn(c5, c6, k=(2, 3), p=(0, 1))               # 1
        self.cnn = nn.Sequential(*convs)
        self.feat = c6
        self.use_lstm = lstm
        if lstm:
            self.rnn = nn.LSTM(c6, hidden, num_layers=layers, bidirectional=True)
            self.fc = nn.Linear(2 * hidden, num_classes)
        else:
            self.tconv = nn.Sequential(
                nn.Conv1d(c6, 2 * hidden, tkernel, padding=tkernel // 2), nn.ReLU(inplace=True),
                nn.Conv1d(2 * hidden, 2 * hidden, tkernel, padding=tkernel // 2), nn.ReLU(inplace=True))
            self.fc = nn.Linear(2 * hidden, num_classes)

    def forward(self, x):
        """x: N x 1 x 32 x W -> logits T x N x K (T = W / 4)."""
        f = self.cnn(x)                      # N x C x 1 x T
        # -1 for T so that the exported graph runs at any width
        f = f.reshape(f.shape[0], self.feat, -1)  # N x C x T
        if self.use_lstm:
            f = f.permute(2, 0, 1)           # T x N x C
            f, _ = self.rnn(f)
        else:
            f = self.tconv(f).permute(2, 0, 1)
        return self.fc(f)


def count_params(m):
    return sum(p.numel() for p in m.parameters())
